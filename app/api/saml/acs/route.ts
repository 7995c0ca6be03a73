// POST /api/saml/acs — the SAML Assertion Consumer Service (HTTP-POST binding), for sign-in and
// issuance responses alike. Public (the IdP posts here cross-site, without Keyport's cookies);
// the response itself is the credential, checked in lib/saml. The body is size-limited.
import { headers } from 'next/headers';
import { readBodyLimited } from '@/lib/http/read-body';
import { clientIp } from '@/lib/http/route';
import { forRequest } from '@/lib/log';
import { MAX_SAML_RESPONSE_BYTES } from '@/lib/saml/decode-saml-response';
import { handleAcs } from '@/lib/saml/handle-acs';
import { limitAnonymousSaml } from '@/lib/saml/limit-anonymous-saml';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = Math.ceil((MAX_SAML_RESPONSE_BYTES * 4) / 3) * 3 + 8192; // URL-encoded base64 plus RelayState

function seeOther(location: string, cookies: string[] = []): Response {
  const h = new Headers({ Location: location, 'Cache-Control': 'no-store' });
  for (const c of cookies) h.append('Set-Cookie', c);
  return new Response(null, { status: 303, headers: h });
}

export async function POST(request: Request): Promise<Response> {
  const h = await headers();
  const requestId = h.get('x-request-id') ?? crypto.randomUUID();
  const log = forRequest(requestId);
  try {
    const limited = await limitAnonymousSaml({ db: getDb(), sourceIp: clientIp(h), limitPerHour: getConfig().samlRateLimitPerHour, log });
    if (limited) {
      log.warn('SAML response refused', { reason: 'rate_limited' });
      return limited;
    }
    if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      log.warn('SAML response refused', { reason: 'not a form post' });
      return seeOther('/signin?samlError=malformed');
    }
    const bytes = await readBodyLimited(request, MAX_BODY_BYTES);
    if (bytes === null) {
      log.warn('SAML response refused', { reason: 'too_large' });
      return new Response('The SAML response is too large.\n', { status: 413, headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } });
    }
    const form = new URLSearchParams(bytes.toString('utf8'));
    const samlResponse = form.get('SAMLResponse');
    if (!samlResponse) return seeOther('/signin?samlError=malformed');
    const outcome = await handleAcs({ samlResponse, relayState: form.get('RelayState'), requestId, log, sourceIp: clientIp(h), userAgent: h.get('user-agent') });
    return seeOther(outcome.location, outcome.cookies);
  } catch (e) {
    log.error('SAML response could not be handled', { error: e });
    return seeOther('/signin?samlError=malformed');
  }
}
