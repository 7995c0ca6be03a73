'use server';
// Server actions shared by every page. Next.js checks their Origin against the host.
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { currentSessionId } from '@/lib/auth/current-actor';
import { sessionCookieName } from '@/lib/auth/options';
import { endSession } from '@/lib/auth/session-store';
import { getConfig } from '@/lib/config';
import { requestLogger } from '@/lib/log';

/** Ends the server-side session (so the cookie is worthless even if copied) and clears it. */
export async function signOutAction(): Promise<void> {
  const sid = await currentSessionId();
  if (sid) {
    await endSession(sid);
    (await requestLogger()).info('signed out');
  }
  (await cookies()).delete(sessionCookieName(getConfig().secureCookies));
  redirect('/signin?signedOut=1');
}
