// POST /api/saml/result — hands the role page the outcome of the SAML issuance that just came
// back through the ACS (sealed one-time cookie, bound to this session), then deletes it.
import { cookies } from 'next/headers';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors/app-error';
import { NO_STORE, withAuth } from '@/lib/http/route';
import { openResult, resultCookieName } from '@/lib/saml/result-cookie';

export const dynamic = 'force-dynamic';

export const POST = withAuth({ permission: ['credentials', 'issue'] }, async ({ actor }) => {
  const cfg = getConfig();
  const jar = await cookies();
  const name = resultCookieName(cfg.secureCookies);
  const sealed = jar.get(name)?.value;
  jar.delete(name);
  const result = sealed ? openResult(sealed, cfg.authSecret) : null;
  if (!result || result.sessionId !== actor.sessionId) throw new AppError('not_found', 'There is no SAML result waiting for you (it is shown once, for two minutes). Request the credentials again.');
  return Response.json(result.body, { status: result.status, headers: { 'Cache-Control': NO_STORE, Pragma: 'no-cache' } });
});
