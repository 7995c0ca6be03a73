// POST /api/signout — ends the caller's server-side session (so a copied cookie is worthless) and
// clears the cookie. A plain form POST rather than a server action: under our
// `Referrer-Policy: no-referrer` Chromium sends `Origin: null`, which Next's server-action check
// refuses, while this handler's CSRF check also trusts the browser's Sec-Fetch-Site.
import { currentActor, currentSessionId } from '@/lib/auth/current-actor';
import { sessionCookieName } from '@/lib/auth/options';
import { endSession } from '@/lib/auth/session-store';
import { getConfig } from '@/lib/config';
import { expiredCookieHeader } from '@/lib/http/cookie-header';
import { requestLogger } from '@/lib/log';
import { sameOrigin } from '@/lib/http/same-origin';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  const cfg = getConfig();
  if (!sameOrigin(request.headers, cfg.publicUrl, request.url)) {
    return Response.json({ error: { code: 'forbidden', message: 'Sign-out must come from the Keyport page.' } }, { status: 403 });
  }
  // Which IdP signed the person in: their session there outlives Keyport's, and the sign-in page
  // says so (Keyport does not end it: RP-initiated logout is not configured).
  const idp = await currentActor().then((a) => (a ? a.idpKind.toLowerCase() : null), () => null);
  const sid = await currentSessionId();
  if (sid) {
    await endSession(sid);
    (await requestLogger()).info('signed out');
  }
  // With the attributes it was set with: a __Host- cookie deleted without Secure stays.
  return new Response(null, {
    status: 303,
    headers: { Location: `${cfg.publicUrl}/signin?signedOut=1${idp ? `&idp=${idp}` : ''}`, 'Cache-Control': 'no-store', 'Set-Cookie': expiredCookieHeader(sessionCookieName(cfg.secureCookies), { secure: cfg.secureCookies }) },
  });
}
