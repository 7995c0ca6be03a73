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
// A route made with withAuth can be served two ways with the same code and checks: by Next.js (the
// exported function, given a web Request) or by Keyport's server entry directly (`.direct`, given
// Node's request; lib/http/direct-routes.ts lists the hot routes served so). A handler reads its
// body with `readJson` from the context and answers with `json(...)`; a handler that needs the web
// Request (`request`) or answers with a Response is served by Next.js only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { AuditChannel } from '@/lib/audit/append-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { authenticateBearer, bearerOf } from '@/lib/cli-auth/authenticate-bearer';
import { CLI_REFUSAL_MESSAGES } from '@/lib/cli-auth/cli-refusal';
import { recordAccessDenied } from '@/lib/audit/record-access-denied';
import { actorFromCookieHeader } from '@/lib/auth/current-actor';
import { can, type Permission } from '@/lib/auth/permissions';
import { getConfig } from '@/lib/config';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { forRequest, type Logger } from '@/lib/log';
import { actorOrUnavailable, DATABASE_DOWN_MESSAGE } from './actor-or-unavailable';
import { nodeApiRequest, webApiRequest, type ApiRequest, type HeaderReader } from './api-request';
import { jsonReply, replyToResponse, writeReply, writeResponse, type JsonReply } from './json-reply';
import { readJson } from './read-json';
import { resolveClientAddress } from './client-address';
import { PEER_HEADER, readPeerHeader } from './peer-header';
import { observeRequest } from '@/lib/metrics/observe';
import { sameOrigin } from './same-origin';
import { acceptRequestId } from './security-headers';

export interface RouteContext<P> {
  actor: Actor;
  /** The web Request. Only on the Next.js path: a route served directly reads its body with readJson. */
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
  /** The body as JSON, checked in read-json.ts's order (size, JSON, control characters, schema). */
  readJson<S extends z.ZodType>(schema: S, opts?: { maxBytes?: number }): Promise<z.output<S>>;
}

/** What a route handler answers: a JSON reply (either path) or a Response it built (Next.js path). */
export type RouteAnswer = Response | JsonReply;

/** The handler of a route, as Next.js calls it; `direct` serves the same route from Node's request. */
export interface ApiRoute<P> {
  (request: Request, segment: { params: Promise<P> }): Promise<Response>;
  /** Serves the route on Keyport's server entry, without Next.js (lib/http/direct-routes.ts). */
  direct(req: IncomingMessage, res: ServerResponse, opts: { port: number }): Promise<void>;
}

/**
 * API responses are never stored, and never transformed on the way: no proxy may rewrite them, and
 * the server does not gzip them (small JSON; compressing it cost more CPU per issuance than it saved).
 */
export const NO_STORE = 'no-store, no-transform';

export { jsonReply as json } from './json-reply';

export function errorReply(e: AppError, requestId: string): JsonReply {
  const body: Record<string, unknown> = { code: e.code, message: e.message, requestId };
  if (e.extra.fields) body.fields = e.extra.fields;
  if (e.extra.detail) body.detail = e.extra.detail;
  if (e.extra.explain) body.explain = e.extra.explain;
  const headers: Record<string, string> = { 'Cache-Control': NO_STORE, 'x-request-id': requestId };
  if (e.extra.retryAfterSeconds !== undefined) headers['Retry-After'] = String(e.extra.retryAfterSeconds);
  return jsonReply({ error: body }, { status: e.status, headers });
}

export function jsonError(e: AppError, requestId: string): Response {
  return replyToResponse(errorReply(e, requestId));
}

/**
 * The request's source address for the audit: the TCP peer vouched for by Keyport's server entry,
 * or the hop the TRUSTED_PROXY_HOPS-th proxy appended to X-Forwarded-For. Never a value the client
 * chose (the left of X-Forwarded-For, X-Real-IP); null when unknown.
 */
export function clientIp(h: HeaderReader): string | null {
  const cfg = getConfig();
  return resolveClientAddress({
    peer: readPeerHeader(h.get(PEER_HEADER), cfg.peerToken),
    forwardedFor: h.get('x-forwarded-for'),
    trustedHops: cfg.trustedProxyHops,
  });
}

/** Who sent the request, by channel; an AppError for a refused CLI token. */
async function authenticate(request: ApiRequest, channels: readonly AuditChannel[], log: Logger): Promise<{ actor: Actor | null; channel: AuditChannel; cliTokenId: string | null }> {
  const authorization = request.headers.get('authorization');
  if (authorization === null) {
    if (!channels.includes('web')) throw new AppError('unauthenticated', 'This endpoint is for the keyport CLI: send its access token (Authorization: Bearer).');
    return { actor: await actorOrUnavailable(() => actorFromCookieHeader(request.headers.get('cookie')), log), channel: 'web', cliTokenId: null };
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

/** The web Request of a route served directly: there is none (see RouteContext.request). */
function noWebRequest(): never {
  throw new Error('this route is served directly by the server entry (lib/http/direct-routes.ts): read the body with readJson, not request');
}

/** Stamps an answer with the API headers every answer of withAuth carries. */
function stamped(answer: RouteAnswer, requestId: string): RouteAnswer {
  if (answer instanceof Response) {
    answer.headers.set('Cache-Control', NO_STORE);
    answer.headers.set('x-request-id', requestId);
    return answer;
  }
  return { ...answer, headers: { ...answer.headers, 'Cache-Control': NO_STORE, 'x-request-id': requestId } };
}

export function withAuth<P = Record<string, never>>(opts: { permission: Permission; channels?: readonly AuditChannel[] }, handler: (ctx: RouteContext<P>) => Promise<RouteAnswer>): ApiRoute<P> {
  const permission = opts.permission.join(':');
  /** Authentication, the Origin check, the permission (a refusal audited), the handler, errors as JSON. */
  const serve = async (request: ApiRequest, params: () => Promise<P>, webRequest: () => Request): Promise<RouteAnswer> => {
    const h = request.headers;
    // The JSON APIs skip proxy.ts, so the id a client sent is checked here.
    const requestId = acceptRequestId(h.get('x-request-id'), () => crypto.randomUUID());
    const log = forRequest(requestId);
    try {
      const cfg = getConfig();
      const { actor, channel, cliTokenId } = await authenticate(request, opts.channels ?? ['web'], log);
      const crossOrigin = channel === 'web' && !['GET', 'HEAD', 'OPTIONS'].includes(request.method) && !sameOrigin(h, cfg.publicUrl, request.url);
      const refused = crossOrigin ? 'origin' : actor && !can(actor.roles, opts.permission) ? 'permission' : null;
      if (refused && actor) {
        const context = { requestId, sourceIp: clientIp(h), userAgent: h.get('user-agent'), channel };
        await recordAccessDenied({ actor, reason: refused, permission: opts.permission, method: request.method, path: new URL(request.url).pathname, context, log });
      }
      if (crossOrigin) throw new AppError('forbidden', 'This request did not come from the Keyport page (Origin check failed).');
      if (!actor) throw new AppError('unauthenticated', 'Sign in to continue.');
      if (refused) throw new AppError('forbidden', 'You do not have permission to do this.');
      const answer = await handler({
        actor,
        get request() {
          return webRequest();
        },
        requestId,
        log,
        params: await params(),
        sourceIp: clientIp(h),
        userAgent: h.get('user-agent'),
        channel,
        cliTokenId,
        readJson: (schema, o) => readJson(request, schema, o),
      });
      return stamped(answer, requestId);
    } catch (e) {
      if (isAppError(e)) {
        if (e.status >= 500) log.error('request failed', { code: e.code, detail: e.extra.detail });
        return errorReply(e, requestId);
      }
      log.error('unhandled error', { error: e });
      return errorReply(new AppError('internal', `Something went wrong on our side. Quote request id ${requestId} when asking for help.`), requestId);
    }
  };
  const observed = async (request: ApiRequest, params: () => Promise<P>, webRequest: () => Request): Promise<RouteAnswer> => {
    const started = process.hrtime.bigint();
    const answer = await serve(request, params, webRequest);
    observeRequest({ permission, method: request.method, status: answer.status }, started);
    return answer;
  };
  const route = async (request: Request, segment: { params: Promise<P> }): Promise<Response> => {
    const answer = await observed(webApiRequest(request), () => segment.params, () => request);
    return answer instanceof Response ? answer : replyToResponse(answer);
  };
  return Object.assign(route, {
    async direct(req: IncomingMessage, res: ServerResponse, o: { port: number }): Promise<void> {
      const answer = await observed(nodeApiRequest(req, o.port), async () => ({}) as P, noWebRequest);
      if (answer instanceof Response) await writeResponse(res, answer);
      else writeReply(res, answer);
    },
  });
}

/** A route without sign-in (the probes): the same two ways of being served. */
export function publicRoute(handler: () => Promise<JsonReply> | JsonReply): ApiRoute<Record<string, never>> {
  const answer = async () => {
    const r = await handler();
    return { ...r, headers: { ...r.headers, 'Cache-Control': NO_STORE } };
  };
  return Object.assign(async () => replyToResponse(await answer()), {
    async direct(_req: IncomingMessage, res: ServerResponse): Promise<void> {
      writeReply(res, await answer());
    },
  });
}
