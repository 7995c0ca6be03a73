// The SAML endpoints nobody is signed in to yet (login, ACS, complete) are limited per source
// address before they do any work: the login writes an AuthnRequest row, the ACS verifies an XML
// signature. Without a limit one client could fill the request table or the CPU for everyone.
// Counted in PostgreSQL (consume-quota.ts), so the limit holds across every instance.
import type { Db } from '@/lib/db/create-client';
import { consumeQuota } from '@/lib/rate-limit/consume-quota';

export async function limitAnonymousSaml(opts: { db: Db; sourceIp: string | null; limitPerHour: number }): Promise<Response | null> {
  const verdict = await consumeQuota({ db: opts.db, key: `saml:${opts.sourceIp ?? 'unknown'}`, limitPerHour: opts.limitPerHour });
  if (verdict.allowed) return null;
  const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
  return new Response(`Too many SAML sign-in requests from your address. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.\n`, {
    status: 429,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': String(verdict.retryAfterSeconds) },
  });
}
