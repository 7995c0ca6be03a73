import 'server-only';
// The one wrapper every route handler goes through: request id, authentication, the permission
// table, CSRF (Origin check on unsafe methods, on top of SameSite=Lax cookies), error mapping to
// `{ error: { code, message, requestId } }`, and `Cache-Control: no-store, no-transform`.
import { headers } from 'next/headers';
import type { Actor } from '@/lib/auth/actor';
import { recordAccessDenied } from '@/lib/audit/record-access-denied';
import { currentActor } from '@/lib/auth/current-actor';
import { can, type Permission } from '@/lib/auth/permissions';
import { getConfig } from '@/lib/config';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { forRequest, type Logger } from '@/lib/log';
import { actorOrUnavailable } from './actor-or-unavailable';
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

export function withAuth<P = Record<string, never>>(
  opts: { permission: Permission },
  handler: (ctx: RouteContext<P>) => Promise<Response>,
): (request: Request, segment: { params: Promise<P> }) => Promise<Response> {
  const handle = async (request: Request, segment: { params: Promise<P> }): Promise<Response> => {
    const h = await headers();
    // The JSON APIs skip proxy.ts, so the id a client sent is checked here.
    const requestId = acceptRequestId(h.get('x-request-id'), () => crypto.randomUUID());
    const log = forRequest(requestId);
    try {
      const cfg = getConfig();
      const crossOrigin = !['GET', 'HEAD', 'OPTIONS'].includes(request.method) && !sameOrigin(request.headers, cfg.publicUrl, request.url);
      const actor = await actorOrUnavailable(currentActor, log);
      const refused = crossOrigin ? 'origin' : actor && !can(actor.roles, opts.permission) ? 'permission' : null;
      if (refused && actor) {
        const context = { requestId, sourceIp: clientIp(h), userAgent: h.get('user-agent') };
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
