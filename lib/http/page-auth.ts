import 'server-only';
// Pages call this first: no session → sign-in (coming back here afterwards); signed in but not
// permitted → 403 (Next's forbidden()). The check runs on the server for every render.
import { forbidden, redirect } from 'next/navigation';
import type { Actor } from '@/lib/auth/actor';
import { currentActor } from '@/lib/auth/current-actor';
import { can, type Permission } from '@/lib/auth/permissions';

export async function requirePageActor(opts: { permission: Permission; returnTo: string }): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(opts.returnTo)}`);
  if (!can(actor.roles, opts.permission)) forbidden();
  return actor;
}
