import 'server-only';
// Who is making this request: the next-auth cookie is decrypted to a session id, which must name
// a live row in the sessions table. Used by pages, route handlers and server actions alike.
import { cookies } from 'next/headers';
import { getConfig } from '@/lib/config';
import type { Actor } from './actor';
import { sessionCookieName } from './options';
import { decodeSessionCookie } from './session-cookie';
import { loadActor } from './session-store';

export async function currentSessionId(): Promise<string | null> {
  const cfg = getConfig();
  const raw = (await cookies()).get(sessionCookieName(cfg.secureCookies))?.value;
  if (!raw) return null;
  const token = decodeSessionCookie(raw, cfg.authSecret);
  return typeof token?.sid === 'string' ? token.sid : null;
}

export async function currentActor(): Promise<Actor | null> {
  const sid = await currentSessionId();
  return sid ? loadActor(sid) : null;
}
