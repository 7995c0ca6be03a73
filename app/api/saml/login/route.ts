// GET /api/saml/login?callbackUrl=/… — starts a SAML sign-in: records the AuthnRequest and sends
// the browser to the IdP (HTTP-Redirect binding). Public: nobody is signed in yet.
import { headers } from 'next/headers';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { safeReturnPath } from '@/lib/http/safe-return-path';
import { forRequest } from '@/lib/log';
import { clientIp } from '@/lib/http/route';
import { limitAnonymousSaml } from '@/lib/saml/limit-anonymous-saml';
import { samlIdp } from '@/lib/saml/saml-idp';
import { cookieHeader } from '@/lib/http/cookie-header';
import { samlSp } from '@/lib/saml/saml-sp';
import { loginCookieName, newBrowserNonce } from '@/lib/saml/sign-in-ticket';
import { startSamlRequest } from '@/lib/saml/start-saml-request';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const requestId = (await headers()).get('x-request-id') ?? crypto.randomUUID();
  const log = forRequest(requestId);
  try {
    const cfg = getConfig();
    const h = await headers();
    const limited = await limitAnonymousSaml({ db: getDb(), sourceIp: clientIp(h), limitPerHour: cfg.samlRateLimitPerHour, log });
    if (limited) {
      log.warn('SAML sign-in start refused', { reason: 'rate_limited' });
      return limited;
    }
    const returnTo = safeReturnPath(new URL(request.url).searchParams.get('callbackUrl'), cfg.publicUrl);
    // Only the hash is stored with the request; the browser keeps the nonce (see sign-in-ticket.ts).
    const { nonce, hash } = newBrowserNonce();
    const location = await startSamlRequest({ db: getDb(), idp: await samlIdp(), sp: samlSp(), purpose: 'SIGN_IN', sessionId: null, pending: { returnTo, browser: hash } });
    return new Response(null, {
      status: 303,
      headers: { Location: location, 'Cache-Control': 'no-store', 'Set-Cookie': cookieHeader(loginCookieName(cfg.secureCookies), nonce, { secure: cfg.secureCookies, maxAge: 600 }) },
    });
  } catch (e) {
    log.error('SAML sign-in could not start', { error: e });
    return new Response(null, { status: 303, headers: { Location: '/signin?error=OAuthSignin', 'Cache-Control': 'no-store' } });
  }
}
