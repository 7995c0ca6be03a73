import 'server-only';
// Who is making this request: the next-auth cookie is decrypted to a session id, which must name
// a live row in the sessions table. Used by pages, route handlers and server actions alike (the
// routes by their Cookie header, which is what they have on either path of lib/http/route.ts).
import { cookies } from 'next/headers';
import { getConfig } from '@/lib/config';
import { requestCookie } from '@/lib/http/request-cookie';
import type { Actor } from './actor';
import { sessionCookieName } from './options';
import { decodeSessionCookie } from './session-cookie';
import { loadActor } from './session-store';

function sessionIdOf(raw: string | undefined): string | null {
  if (!raw) return null;
  const token = decodeSessionCookie(raw, getConfig().authSecret);
  return typeof token?.sid === 'string' ? token.sid : null;
}

export async function currentSessionId(): Promise<string | null> {
  return sessionIdOf((await cookies()).get(sessionCookieName(getConfig().secureCookies))?.value);
}

export async function currentActor(): Promise<Actor | null> {
  const sid = await currentSessionId();
  return sid ? loadActor(sid) : null;
}

/** The same from a request's Cookie header. */
export async function actorFromCookieHeader(header: string | null): Promise<Actor | null> {
  const sid = sessionIdOf(requestCookie(header, sessionCookieName(getConfig().secureCookies)));
  return sid ? loadActor(sid) : null;
}
