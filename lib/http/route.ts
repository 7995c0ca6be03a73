import 'server-only';
// The one wrapper every route handler goes through: request id, authentication, the permission
// table, CSRF (Origin check on unsafe methods, on top of SameSite=Lax cookies), error mapping to
// `{ error: { code, message, requestId } }`, and `Cache-Control: no-store, no-transform`.
// Two channels authenticate: the browser's session cookie ('web', the default) and the keyport
// CLI's bearer token ('cli', RFC 6750), for routes that name it. A request with an Authorization
// header is a CLI request and is never authenticated by a cookie; a request without one never by a
// token. Either way the actor comes from the same session row (loadActor) and the same permission
// table decides. The Origin check is for cookies (ambient credentials); a bearer token is not sent
// by a browser on its own, so a cross-site page cannot use it.
import { headers } from 'next/headers';
import type { AuditChannel } from '@/lib/audit/append-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { authenticateBearer, bearerOf } from '@/lib/cli-auth/authenticate-bearer';
import { CLI_REFUSAL_MESSAGES } from '@/lib/cli-auth/cli-refusal';
import { recordAccessDenied } from '@/lib/audit/record-access-denied';
import { currentActor } from '@/lib/auth/current-actor';
import { can, type Permission } from '@/lib/auth/permissions';
import { getConfig } from '@/lib/config';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { forRequest, type Logger } from '@/lib/log';
import { actorOrUnavailable, DATABASE_DOWN_MESSAGE } from './actor-or-unavailable';
import { resolveClientAddress } from './client-address';
import { PEER_HEADER, readPeerHeader } from './peer-header';
import { observeRequest } from '@/lib/metrics/observe';
import { sameOrigin } from './same-origin';
import { acceptRequestId } from './security-headers';

export interface RouteContext<P> {
  actor: Actor;
  request: Request;
  requestId: string;
  log: Logger;
  params: P;
  sourceIp: string | null;
  userAgent: string | null;
  /** How the request was authenticated: the session cookie or a CLI token. */
  channel: AuditChannel;
  /** The CLI sign-in (cli_tokens.id) of a 'cli' request. */
  cliTokenId: string | null;
}

/**
 * API responses are never stored, and never transformed on the way: no proxy may rewrite them, and
 * the server does not gzip them (small JSON; compressing it cost more CPU per issuance than it saved).
 */
export const NO_STORE = 'no-store, no-transform';

export function jsonError(e: AppError, requestId: string): Response {
  const body: Record<string, unknown> = { code: e.code, message: e.message, requestId };
  if (e.extra.fields) body.fields = e.extra.fields;
  if (e.extra.detail) body.detail = e.extra.detail;
  if (e.extra.explain) body.explain = e.extra.explain;
  const res = Response.json({ error: body }, { status: e.status, headers: { 'Cache-Control': NO_STORE, 'x-request-id': requestId } });
  if (e.extra.retryAfterSeconds !== undefined) res.headers.set('Retry-After', String(e.extra.retryAfterSeconds));
  return res;
}

/**
 * The request's source address for the audit: the TCP peer vouched for by Keyport's server entry,
 * or the hop the TRUSTED_PROXY_HOPS-th proxy appended to X-Forwarded-For. Never a value the client
 * chose (the left of X-Forwarded-For, X-Real-IP); null when unknown.
 */
export function clientIp(h: Headers): string | null {
  const cfg = getConfig();
  return resolveClientAddress({
    peer: readPeerHeader(h.get(PEER_HEADER), cfg.peerToken),
    forwardedFor: h.get('x-forwarded-for'),
    trustedHops: cfg.trustedProxyHops,
  });
}

/** Who sent the request, by channel; an AppError for a refused CLI token. */
async function authenticate(request: Request, channels: readonly AuditChannel[], log: Logger): Promise<{ actor: Actor | null; channel: AuditChannel; cliTokenId: string | null }> {
  const authorization = request.headers.get('authorization');
  if (authorization === null) {
    if (!channels.includes('web')) throw new AppError('unauthenticated', 'This endpoint is for the keyport CLI: send its access token (Authorization: Bearer).');
    return { actor: await actorOrUnavailable(currentActor, log), channel: 'web', cliTokenId: null };
  }
  if (!channels.includes('cli')) throw new AppError('unauthenticated', 'This endpoint does not accept CLI tokens; it is used from the Keyport page.');
  const token = bearerOf(authorization);
  if (!token) throw new AppError('unauthenticated', CLI_REFUSAL_MESSAGES.unknown, { detail: { reason: 'unknown' } });
  let result;
  try {
    result = await authenticateBearer(token);
  } catch (e) {
    log.error('CLI token lookup failed', { error: e });
    throw new AppError('unavailable', DATABASE_DOWN_MESSAGE);
  }
  if (!result.ok) throw new AppError('unauthenticated', CLI_REFUSAL_MESSAGES[result.refusal], { detail: { reason: result.refusal } });
  return { actor: result.actor, channel: 'cli', cliTokenId: result.tokenId };
}

export function withAuth<P = Record<string, never>>(
  opts: { permission: Permission; channels?: readonly AuditChannel[] },
  handler: (ctx: RouteContext<P>) => Promise<Response>,
): (request: Request, segment: { params: Promise<P> }) => Promise<Response> {
  const handle = async (request: Request, segment: { params: Promise<P> }): Promise<Response> => {
    const h = await headers();
    // The JSON APIs skip proxy.ts, so the id a client sent is checked here.
    const requestId = acceptRequestId(h.get('x-request-id'), () => crypto.randomUUID());
    const log = forRequest(requestId);
    try {
      const cfg = getConfig();
      const { actor, channel, cliTokenId } = await authenticate(request, opts.channels ?? ['web'], log);
      const crossOrigin = channel === 'web' && !['GET', 'HEAD', 'OPTIONS'].includes(request.method) && !sameOrigin(request.headers, cfg.publicUrl, request.url);
      const refused = crossOrigin ? 'origin' : actor && !can(actor.roles, opts.permission) ? 'permission' : null;
      if (refused && actor) {
        const context = { requestId, sourceIp: clientIp(h), userAgent: h.get('user-agent'), channel };
        await recordAccessDenied({ actor, reason: refused, permission: opts.permission, method: request.method, path: new URL(request.url).pathname, context, log });
      }
      if (crossOrigin) throw new AppError('forbidden', 'This request did not come from the Keyport page (Origin check failed).');
      if (!actor) throw new AppError('unauthenticated', 'Sign in to continue.');
      if (refused) throw new AppError('forbidden', 'You do not have permission to do this.');
      const res = await handler({
        actor,
        request,
        requestId,
        log,
        params: await segment.params,
        sourceIp: clientIp(h),
        userAgent: h.get('user-agent'),
        channel,
        cliTokenId,
      });
      res.headers.set('Cache-Control', NO_STORE);
      res.headers.set('x-request-id', requestId);
      return res;
    } catch (e) {
      if (isAppError(e)) {
        if (e.status >= 500) log.error('request failed', { code: e.code, detail: e.extra.detail });
        return jsonError(e, requestId);
      }
      log.error('unhandled error', { error: e });
      return jsonError(new AppError('internal', `Something went wrong on our side. Quote request id ${requestId} when asking for help.`), requestId);
    }
  };
  const permission = opts.permission.join(':');
  return async (request, segment) => {
    const started = process.hrtime.bigint();
    const res = await handle(request, segment);
    observeRequest({ permission, method: request.method, status: res.status }, started);
    return res;
  };
}
