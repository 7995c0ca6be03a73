// GET /api/saml/complete?t=… — finishes a SAML sign-in in the browser that started it: the sealed
// ticket from the ACS must match this browser's sign-in nonce; then the session cookie is set
// (the same cookie next-auth sets, so pages and currentActor() work unchanged). Public.
import { encode } from 'next-auth/jwt';
import { cookies, headers } from 'next/headers';
import { sessionCookieName } from '@/lib/auth/options';
import { getConfig } from '@/lib/config';
import { safeReturnPath } from '@/lib/http/safe-return-path';
import { getDb } from '@/lib/db/client';
import { clientIp } from '@/lib/http/route';
import { forRequest } from '@/lib/log';
import { cookieHeader, expiredCookieHeader } from '@/lib/http/cookie-header';
import { limitAnonymousSaml } from '@/lib/saml/limit-anonymous-saml';
import { loginCookieName, openTicket } from '@/lib/saml/sign-in-ticket';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const cfg = getConfig();
  const requestId = (await headers()).get('x-request-id') ?? crypto.randomUUID();
  const log = forRequest(requestId);
  const limited = await limitAnonymousSaml({ db: getDb(), sourceIp: clientIp(await headers()), limitPerHour: cfg.samlRateLimitPerHour, log });
  if (limited) {
    log.warn('SAML sign-in completion refused', { reason: 'rate_limited' });
    return limited;
  }
  const nonce = (await cookies()).get(loginCookieName(cfg.secureCookies))?.value;
  const ticket = openTicket(new URL(request.url).searchParams.get('t') ?? '', nonce, cfg.authSecret);
  const h = new Headers({ 'Cache-Control': 'no-store' });
  h.append('Set-Cookie', expiredCookieHeader(loginCookieName(cfg.secureCookies), { secure: cfg.secureCookies }));
  if (!ticket) {
    log.warn('SAML sign-in refused', { reason: 'other_browser', hadNonce: Boolean(nonce) });
    h.set('Location', '/signin?samlError=other_browser');
    return new Response(null, { status: 303, headers: h });
  }
  const token = await encode({ token: { sid: ticket.sid }, secret: cfg.authSecret, maxAge: cfg.sessionMaxAgeSeconds });
  h.append('Set-Cookie', cookieHeader(sessionCookieName(cfg.secureCookies), token, { secure: cfg.secureCookies, maxAge: cfg.sessionMaxAgeSeconds }));
  h.set('Location', safeReturnPath(ticket.returnTo, cfg.publicUrl));
  log.info('signed in', { idp: 'saml' });
  return new Response(null, { status: 303, headers: h });
}
