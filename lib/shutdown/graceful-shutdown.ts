// SIGTERM, in order: readiness goes false (load balancers stop sending); after `delaySeconds` the
// HTTP server stops accepting connections and new issuances are refused; requests and issuances
// in flight finish and record their outcomes; the process exits — within `graceSeconds` of the end
// of the delay even if one hangs. Next.js's own handler (which closes the server at once, with no
// readiness phase and no bound) does not run: Keyport is served by its own server entry
// (server/keyport-server.mjs), which leaves the signal to this handler once the app has started.
import { Server } from 'node:http';
import { Server as TlsServer } from 'node:https';
import type { Logger } from '@/lib/log/logger';
import { metrics } from '@/lib/metrics/registry';
import { shutdownState, waitForIdle } from './in-flight';

/** Where Keyport's server entry (server/keyport-server.mjs) puts the servers it listens with. */
export const SERVERS_KEY = Symbol.for('keyport.httpServers');

/**
 * The process's listening HTTP servers: those the server entry registered, and any other found
 * among the process's active handles (node:http keeps no registry). A cluster worker's server
 * (KEYPORT_WORKERS > 1) listens on a handle its primary holds, so it is not among the worker's
 * active handles and would be missed without the registry.
 */
function listeningServers(): Server[] {
  const registered = ((globalThis as unknown as Record<symbol, unknown[] | undefined>)[SERVERS_KEY] ?? []) as unknown[];
  const handles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  // https.Server (Keyport serving TLS itself) is a tls.Server, not an http.Server.
  return [...new Set([...registered, ...handles])].filter((h): h is Server => (h instanceof Server || h instanceof TlsServer) && (h as Server).listening);
}

/** Installs the SIGTERM / SIGINT handlers; returns what removes them. */
export function installGracefulShutdown(opts: { delaySeconds: number; graceSeconds: number; log: Logger; exit?: (code: number) => void }): () => void {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const s = shutdownState();
  const begin = async (signal: string) => {
    if (s.draining) return;
    s.draining = true;
    metrics().shuttingDown.set(1);
    opts.log.info('shutting down: readiness is false', { signal, delaySeconds: opts.delaySeconds, graceSeconds: opts.graceSeconds, inFlight: s.inFlight });
    await new Promise((r) => setTimeout(r, opts.delaySeconds * 1000));
    s.refusing = true;
    const inFlight = s.inFlight;
    // close(): no new connections; idle keep-alive ones are closed; the callback comes once every
    // request in flight has been answered.
    const servers = listeningServers();
    const closed = Promise.all(servers.map((srv) => new Promise<void>((r) => srv.close(() => r()))));
    // A keep-alive connection idle at close() is closed then; one busy then would stay open after
    // its answer and carry more requests, so idle ones are swept until every server has closed.
    const sweep = setInterval(() => {
      for (const srv of servers) srv.closeIdleConnections();
    }, 250);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<false>((r) => (timer = setTimeout(() => r(false), opts.graceSeconds * 1000)));
    const done = await Promise.race([Promise.all([waitForIdle(opts.graceSeconds * 1000), closed]).then(([idle]) => idle), deadline]);
    clearTimeout(timer);
    clearInterval(sweep);
    if (done) opts.log.info('shutting down: no issuance in flight, exiting', { finished: inFlight, serversClosed: servers.length });
    else opts.log.error('shutting down: the grace period ended with issuances in flight, exiting', { inFlight: s.inFlight });
    exit(done ? 0 : 1);
  };
  const onTerm = () => void begin('SIGTERM');
  const onInt = () => void begin('SIGINT');
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  return () => {
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onInt);
  };
}
