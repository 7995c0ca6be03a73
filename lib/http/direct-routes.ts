// The hot JSON routes, served by Keyport's server entry without Next.js (bench/FINDINGS.md §6: a
// route that does nothing cost Next.js 2.5–3 ms of CPU per request, more than the 2 ms budget of a
// whole issuance). They are the very route handlers Next.js serves (withAuth's `direct`): the same
// session read from the database, Origin check, permission table, audit of refusals, body checks,
// error bodies and headers — only the request arrives as Node's and the answer leaves as bytes.
// instrumentation.ts installs the table when the app starts; the server entry asks it first and
// hands everything else to Next.js. A path that is not exactly one of these (a trailing slash, an
// encoded letter, HEAD) goes to Next.js, which answers it as it always did.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GET as roles } from '@/app/api/roles/route';
import { POST as issueCredentials } from '@/app/api/credentials/route';
import { GET as health } from '@/app/api/health/route';
import { logger } from '@/lib/log';
import { jsonReply, writeReply } from './json-reply';
import type { ApiRoute } from './route';

/** `METHOD /path` → the route. Every path is in API_CSP_AREAS (lib/http/static-headers.js), as writeReply assumes. */
export const DIRECT_ROUTES: ReadonlyMap<string, ApiRoute<Record<string, never>>> = new Map([
  ['POST /api/credentials', issueCredentials],
  ['GET /api/roles', roles],
  ['GET /api/health', health],
]);

/** Serves the request when it is one of DIRECT_ROUTES and says so; false: not ours, Next.js serves it. */
export type DirectRouter = (req: IncomingMessage, res: ServerResponse, opts: { port: number }) => boolean;

export function directRouter(routes: ReadonlyMap<string, ApiRoute<Record<string, never>>> = DIRECT_ROUTES): DirectRouter {
  return (req, res, opts) => {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const route = routes.get(`${req.method} ${q === -1 ? url : url.slice(0, q)}`);
    if (!route) return false;
    route.direct(req, res, opts).catch((e: unknown) => {
      // withAuth answers every error itself; this is a failure to write the answer. The answer
      // is sent whatever the logger does.
      try {
        logger().error('direct route failed', { error: e, method: req.method, path: url.slice(0, 200) });
      } catch {
        process.stderr.write('keyport: a direct route failed, and so did its log line\n');
      }
      if (!res.headersSent) writeReply(res, jsonReply({ error: { code: 'internal', message: 'Something went wrong on our side.' } }, { status: 500, headers: { 'Cache-Control': 'no-store, no-transform' } }));
      else res.destroy();
    });
    return true;
  };
}

/**
 * Hands the router to the server entry (server/keyport-server.mjs), which left its callback on
 * globalThis before Next.js prepared and waits for it before it listens. Under `next start` (no
 * Keyport server entry) nobody waits, and Next.js serves every route.
 */
export function installDirectRoutes(): void {
  const notify = (globalThis as unknown as Record<symbol, unknown>)[Symbol.for('keyport.onDirectRouter')];
  if (typeof notify === 'function') notify(directRouter());
}
