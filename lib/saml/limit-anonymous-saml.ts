// The SAML endpoints nobody is signed in to yet (login, ACS, complete) are limited per source
// address before they do any work: the login writes an AuthnRequest row, the ACS verifies an XML
// signature. Without a limit one client could fill the request table or the CPU for everyone.
// Counted in PostgreSQL (consume-quota.ts), so the limit holds across every instance.
import type { Db } from '@/lib/db/create-client';
import type { Logger } from '@/lib/log/logger';
import { consumeQuota } from '@/lib/rate-limit/consume-quota';

export async function limitAnonymousSaml(opts: { db: Db; sourceIp: string | null; limitPerHour: number; log?: Pick<Logger, 'error'> }): Promise<Response | null> {
  let verdict;
  try {
    verdict = await consumeQuota({ db: opts.db, key: `saml:${opts.sourceIp ?? 'unknown'}`, limitPerHour: opts.limitPerHour });
  } catch (e) {
    // The limit protects the database and the CPU; when it cannot be counted, the request goes on
    // and meets the same database in the step that needs it.
    opts.log?.error('SAML rate limit could not be counted', { error: e });
    return null;
  }
  if (verdict.allowed) return null;
  const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
  return new Response(`Too many SAML sign-in requests from your address. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.\n`, {
    status: 429,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': String(verdict.retryAfterSeconds) },
  });
}
