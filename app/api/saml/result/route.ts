// POST /api/saml/result — hands the role page the outcome of the SAML issuance that just came
// back through the ACS (sealed one-time cookie, bound to this session), then deletes it.
import { cookies } from 'next/headers';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors/app-error';
import { expiredCookieHeader } from '@/lib/http/cookie-header';
import { jsonError, NO_STORE, withAuth } from '@/lib/http/route';
import { openResult, resultCookieName } from '@/lib/saml/result-cookie';

export const dynamic = 'force-dynamic';

export const POST = withAuth({ permission: ['credentials', 'issue'] }, async ({ actor, requestId }) => {
  const cfg = getConfig();
  const name = resultCookieName(cfg.secureCookies);
  const sealed = (await cookies()).get(name)?.value;
  const result = sealed ? openResult(sealed, cfg.authSecret) : null;
  const res =
    !result || result.sessionId !== actor.sessionId
      ? jsonError(new AppError('not_found', 'There is no SAML result waiting for you (it is shown once, for two minutes). Request the credentials again.'), requestId)
      : Response.json(result.body, { status: result.status, headers: { 'Cache-Control': NO_STORE, Pragma: 'no-cache' } });
  // Deleted whatever it held, with the attributes it was set with (a __Host- cookie deleted
  // without Secure stays in the browser, credentials and all).
  res.headers.append('Set-Cookie', expiredCookieHeader(name, { secure: cfg.secureCookies }));
  return res;
});
