import 'server-only';
// The frame of the two anonymous OAuth endpoints (token, device authorization): request id,
// a size-limited form body (RFC 6749 3.2: application/x-www-form-urlencoded) parsed with its zod
// schema, OAuth error bodies (RFC 6749 5.2) with `Cache-Control: no-store` (5.1), and, where the
// endpoint creates state (the device endpoint), a per-address limit so nobody floods the table of
// pending sign-ins. The token endpoint has none: its codes and tokens are 256-bit random values, and
// a NAT full of polling CLIs must not lock each other out.
import { headers } from 'next/headers';
import type { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { readBodyLimited } from '@/lib/http/read-body';
import { clientIp, NO_STORE } from '@/lib/http/route';
import { acceptRequestId } from '@/lib/http/security-headers';
import { forRequest, type Logger } from '@/lib/log';
import { consumeQuota } from '@/lib/rate-limit/consume-quota';
import type { CliRequestContext } from './issue-cli-tokens';
import type { OAuthError } from './token-response';

const MAX_FORM_BYTES = 8 * 1024;

export function oauthJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': NO_STORE, Pragma: 'no-cache' } });
}

export function oauthErrorResponse(e: OAuthError): Response {
  // RFC 6749 5.2: 400, or 401 for invalid_client. RFC 8628 3.5: pending/slow_down are 400 too.
  return oauthJson(e, e.error === 'invalid_client' ? 401 : 400);
}

export function oauthEndpoint<S extends z.ZodType>(opts: { schema: S; limit?: { key: string; perHour: (cfg: ReturnType<typeof getConfig>) => number } }, handler: (input: z.output<S>, ctx: CliRequestContext & { log: Logger }) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    const h = await headers();
    const requestId = acceptRequestId(h.get('x-request-id'), () => crypto.randomUUID());
    const log = forRequest(requestId);
    const ctx = { requestId, sourceIp: clientIp(h), userAgent: h.get('user-agent'), log };
    try {
      const quota = opts.limit ? await consumeQuota({ db: getDb(), key: `${opts.limit.key}:${ctx.sourceIp ?? 'unknown'}`, limitPerHour: opts.limit.perHour(getConfig()) }) : { allowed: true as const };
      if (!quota.allowed) {
        const res = oauthJson({ error: 'slow_down', error_description: `Too many sign-in requests from this address. Try again in ${Math.ceil(quota.retryAfterSeconds / 60)} minutes.` }, 429);
        res.headers.set('Retry-After', String(quota.retryAfterSeconds));
        return res;
      }
      if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
        return oauthErrorResponse({ error: 'invalid_request', error_description: 'Send the parameters as application/x-www-form-urlencoded (RFC 6749 3.2).' });
      }
      const bytes = await readBodyLimited(request, MAX_FORM_BYTES);
      if (bytes === null) return oauthErrorResponse({ error: 'invalid_request', error_description: 'The request is too large.' });
      const form = Object.fromEntries(new URLSearchParams(bytes.toString('utf8')));
      const parsed = opts.schema.safeParse(form);
      if (!parsed.success) {
        const grant = typeof form.grant_type === 'string' ? form.grant_type : '';
        if (grant && !['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'].includes(grant)) {
          return oauthErrorResponse({ error: 'unsupported_grant_type', error_description: 'Keyport supports authorization_code, refresh_token and the device code grant.' });
        }
        if (form.client_id !== undefined && form.client_id !== 'keyport-cli') return oauthErrorResponse({ error: 'invalid_client', error_description: 'Keyport knows one client, keyport-cli.' });
        const issue = parsed.error.issues[0];
        return oauthErrorResponse({ error: 'invalid_request', error_description: `Invalid request: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'is invalid'}.` });
      }
      const res = await handler(parsed.data, ctx);
      res.headers.set('x-request-id', requestId);
      return res;
    } catch (e) {
      log.error('CLI OAuth request failed', { error: e });
      return oauthJson({ error: 'temporarily_unavailable', error_description: `Keyport could not handle the sign-in request. Try again; quote request id ${requestId} when asking for help.` }, 503);
    }
  };
}
