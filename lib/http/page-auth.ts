import 'server-only';
// Pages call this first: no session → sign-in (coming back here afterwards); signed in but not
// permitted → 403 (Next's forbidden()), recorded as ACCESS_DENIED. The check runs on the server
// for every render.
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { recordAccessDenied } from '@/lib/audit/record-access-denied';
import type { Actor } from '@/lib/auth/actor';
import { currentActor } from '@/lib/auth/current-actor';
import { can, type Permission } from '@/lib/auth/permissions';
import { forRequest } from '@/lib/log';
import { clientIp } from './route';

export async function requirePageActor(opts: { permission: Permission; returnTo: string }): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(opts.returnTo)}`);
  if (!can(actor.roles, opts.permission)) {
    const h = await headers();
    const requestId = h.get('x-request-id') ?? crypto.randomUUID();
    await recordAccessDenied({
      actor,
      reason: 'permission',
      permission: opts.permission,
      method: 'GET',
      path: opts.returnTo,
      context: { requestId, sourceIp: clientIp(h), userAgent: h.get('user-agent') },
      log: forRequest(requestId),
    });
    forbidden();
  }
  return actor;
}
