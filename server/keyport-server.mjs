// @ts-check
// Keyport's server entry: a Next.js custom server (https://nextjs.org/docs/app/guides/custom-server)
// that does three things `next start` cannot.
//
// 1. It tells the app each request's TCP peer. Route handlers cannot see the socket, and Next.js
//    keeps a client-sent X-Forwarded-For instead of the socket address, so the audit's source
//    address would be whatever the client wrote. Here every incoming copy of `x-keyport-peer` is
//    removed and replaced by `<token> <socket.remoteAddress>`, where the token is random for this
//    server (made at start; with several workers, by the primary, and shared with them) and handed
//    to the app through its environment (KEYPORT_PEER_TOKEN) before Next.js loads. lib/http/peer-header.ts believes the header only with that token, so a forged header
//    is not believed even if someone runs `next start` on the same build.
// 2. It can terminate TLS itself (KEYPORT_TLS_CERT_FILE / KEYPORT_TLS_KEY_FILE, PEM), sending
//    Strict-Transport-Security on every response (the API routes skip proxy.ts, which sends it on
//    pages).
//
// Run it in the project folder (`npm start` does: scripts/start.ts spawns it), or in a standalone
// build folder (`output: 'standalone'`): copy this file into `.next/standalone/` (with
// `.next/static` and `public` copied in, as for the generated server.js) and run
// `node keyport-server.mjs` there instead of `node server.js`. With no next.config.js beside it,
// the build's own serialised configuration (required-server-files.json) is used, as server.js does.
// 3. It uses every core (KEYPORT_WORKERS, default os.availableParallelism()). A Node process runs
//    its JavaScript on one core, and under load the portal is CPU-bound (bench/FINDINGS.md). With
//    more than one worker this process becomes a small primary that loads no Next.js: it forks
//    the workers (node:cluster), which share the one listening port (round-robin), restarts one that
//    crashes, relays the metrics scrape between them (lib/metrics/cluster-metrics.ts), and on
//    SIGTERM / SIGINT asks every worker to drain (lib/shutdown) and exits once all have. Any worker
//    serves any request: sessions, quotas, the audit chain and revocations are in PostgreSQL.
//    KEYPORT_WORKERS=1 is the single process it always was.
// 4. It serves the hot JSON routes itself (POST /api/credentials, GET /api/roles, GET /api/health;
//    lib/http/direct-routes.ts), without Next.js's request handling, which cost more CPU per request
//    than a whole issuance is allowed (bench/FINDINGS.md §6). They are the same route handlers with
//    the same checks; the app installs them on start (instrumentation.ts), and everything else goes
//    to Next.js. KEYPORT_DIRECT_ROUTES=0 sends those through Next.js too.
// Settings: PORT, NEXT_DIST_DIR (default .next), KEYPORT_TLS_CERT_FILE, KEYPORT_TLS_KEY_FILE,
// KEYPORT_WORKERS, KEYPORT_DIRECT_ROUTES.
//
// Like scripts/, this bootstrap reads process.env itself; the app validates the same settings in
// lib/config/schema.ts when it starts (instrumentation.ts), and stops on a bad one.
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

/** The same name as PEER_HEADER in lib/http/peer-header.ts (Node lower-cases header names). */
const PEER_HEADER = 'x-keyport-peer';
const HSTS = 'max-age=63072000; includeSubDomains';

const env = process.env;
const dir = process.cwd();
const distDir = env.NEXT_DIST_DIR || '.next';
const port = Number(env.PORT || 3000);
const tlsFiles = env.KEYPORT_TLS_CERT_FILE && env.KEYPORT_TLS_KEY_FILE ? { cert: env.KEYPORT_TLS_CERT_FILE, key: env.KEYPORT_TLS_KEY_FILE } : null;

function fail(message) {
  process.stderr.write(`keyport-server: ${message}\n`);
  process.exit(1);
}

/** Most workers one server runs: beyond the cores they only add memory and database connections. */
const MAX_WORKERS = 64;

/**
 * KEYPORT_WORKERS, or the CPUs this process may use. os.availableParallelism() reads the CPU
 * affinity mask and, from libuv 1.49 on (Node 22.12+ and 24; `node -p process.versions.uv`), the
 * cgroup CPU quota of a container too (libuv/libuv#4740, #4746); an older libuv sees the host's
 * cores, which is why the Kubernetes manifest sets KEYPORT_WORKERS from the container's CPU limit.
 */
function workerCount() {
  const raw = env.KEYPORT_WORKERS?.trim();
  if (!raw) return Math.max(1, Math.min(MAX_WORKERS, os.availableParallelism()));
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) fail(`KEYPORT_WORKERS must be a whole number from 1 to ${MAX_WORKERS}, or unset for one per CPU (got ${raw})`);
  return n;
}

if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a TCP port (got ${env.PORT})`);
if (Boolean(env.KEYPORT_TLS_CERT_FILE) !== Boolean(env.KEYPORT_TLS_KEY_FILE)) fail('set both KEYPORT_TLS_CERT_FILE and KEYPORT_TLS_KEY_FILE, or neither');
const directRoutesWanted = (env.KEYPORT_DIRECT_ROUTES ?? '1').trim();
if (directRoutesWanted !== '1' && directRoutesWanted !== '0') fail(`KEYPORT_DIRECT_ROUTES must be 1 (the hot JSON routes served without Next.js, the default) or 0 (everything through Next.js) (got ${env.KEYPORT_DIRECT_ROUTES})`);
const workers = cluster.isWorker ? 1 : workerCount();

// Before Next.js (and with it the app's config module) is loaded: the app reads the token from its
// environment. Whatever value came from outside is replaced; a cluster worker takes the one its
// primary made (handed to it in the environment of the fork, so every worker of this server
// stamps and believes the same token, and nothing outside the server's processes knows it).
const token = cluster.isWorker && env.KEYPORT_PEER_TOKEN ? env.KEYPORT_PEER_TOKEN : randomBytes(32).toString('base64url');
env.KEYPORT_PEER_TOKEN = token;
Object.assign(env, { NODE_ENV: 'production' });
env.NEXT_TELEMETRY_DISABLED ??= '1';

// A standalone build folder has no next.config.js; its configuration is serialised in the build.
const serverFiles = path.join(dir, distDir, 'required-server-files.json');
if (!existsSync(path.join(dir, 'next.config.js')) && existsSync(serverFiles) && !env.__NEXT_PRIVATE_STANDALONE_CONFIG) {
  env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(JSON.parse(readFileSync(serverFiles, 'utf8')).config);
}


if (cluster.isPrimary && workers > 1) runPrimary(workers);
else await serve();

/**
 * The primary of a multi-worker server: forks `n` workers and keeps them running; loads no Next.js.
 * @param {number} n
 */
function runPrimary(n) {
  process.title = 'keyport-primary';
  cluster.schedulingPolicy = cluster.SCHED_RR;
  let stopping = false;
  let worstExit = 0;
  /** When workers died unexpectedly, for the crash-loop bound. */
  let crashes = /** @type {number[]} */ ([]);
  /** @type {Map<string, { asker: import('node:cluster').Worker; askerId: unknown; want: number; got: unknown[]; timer: NodeJS.Timeout }>} */
  const scrapes = new Map();
  let scrapeSeq = 0;

  /** @param {number} slot */
  function fork(slot) {
    const w = cluster.fork({ KEYPORT_WORKER: String(slot), KEYPORT_WORKERS: String(n) });
    let listened = false;
    w.on('listening', () => (listened = true));
    w.on('message', (m) => onWorkerMessage(w, m));
    w.on('exit', (code, signal) => {
      const status = code ?? (signal ? 1 : 0);
      if (stopping) {
        worstExit = Math.max(worstExit, status);
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(worstExit);
        return;
      }
      if (!listened) {
        // It never served: a bad configuration or a build that does not load. Every worker would
        // fail the same way, so stop, as the single process does.
        process.stderr.write(`keyport-server: worker ${slot} exited before it served (code ${code}, signal ${signal}); stopping\n`);
        stopAll(status || 1);
        return;
      }
      const now = Date.now();
      crashes = crashes.filter((t) => now - t < 60_000).concat(now);
      if (crashes.length > 5) {
        process.stderr.write(`keyport-server: ${crashes.length} workers died within a minute; stopping\n`);
        stopAll(1);
        return;
      }
      process.stderr.write(`keyport-server: worker ${slot} died (code ${code}, signal ${signal}); starting another\n`);
      setTimeout(() => stopping || fork(slot), 500).unref();
    });
  }

  /**
   * The metrics scrape (lib/metrics/cluster-metrics.ts): the worker that took GET /api/metrics asks
   * for every worker's metrics, the primary asks each (itself included) and hands back what came
   * within 3 s; the asking worker aggregates them.
   * @param {import('node:cluster').Worker} w
   * @param {any} m
   */
  function onWorkerMessage(w, m) {
    if (m?.keyport === 'metrics-collect') {
      const id = `s${++scrapeSeq}`;
      const live = Object.values(cluster.workers ?? {}).filter((x) => x && x.isConnected());
      const finish = () => {
        const s = scrapes.get(id);
        if (!s) return;
        scrapes.delete(id);
        clearTimeout(s.timer);
        if (s.asker.isConnected()) s.asker.send({ keyport: 'metrics-result', id: s.askerId, metrics: s.got, workers: n });
      };
      scrapes.set(id, { asker: w, askerId: m.id, want: live.length, got: [], timer: setTimeout(finish, 3000) });
      for (const x of live) x?.send({ keyport: 'metrics-get', id });
      if (live.length === 0) finish();
    } else if (m?.keyport === 'metrics-json') {
      const s = scrapes.get(m.id);
      if (!s) return;
      s.got.push(m.metrics);
      if (s.got.length >= s.want) {
        scrapes.delete(m.id);
        clearTimeout(s.timer);
        if (s.asker.isConnected()) s.asker.send({ keyport: 'metrics-result', id: s.askerId, metrics: s.got, workers: n });
      }
    }
  }

  /** @param {number} code */
  function stopAll(code) {
    if (stopping) return;
    stopping = true;
    worstExit = code;
    // Each worker drains itself (lib/shutdown: readiness false, finish what is in flight, exit
    // within SHUTDOWN_GRACE_SECONDS); the shared port closes once the last has closed its server.
    const live = Object.values(cluster.workers ?? {});
    if (live.length === 0) process.exit(code);
    for (const w of live) w?.process.kill('SIGTERM');
  }

  for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) process.on(signal, () => stopAll(0));
  process.stdout.write(`keyport-server: ${n} workers on ${tlsFiles ? 'https' : 'http'}://localhost:${port}\n`);
  for (let slot = 1; slot <= n; slot++) fork(slot);
}

async function serve() {
  const tls = tlsFiles ? { cert: readFileSync(tlsFiles.cert), key: readFileSync(tlsFiles.key) } : null;

  /** @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, opts: { port: number }) => boolean} DirectRouter */
  const g = /** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (globalThis));
  /** @type {Promise<DirectRouter> | undefined} */
  const directRoutesInstalled = directRoutesWanted !== '1' ? undefined : new Promise((resolve) => {
    const timer = setTimeout(() => fail('the app did not install its direct routes within 60 s of starting (instrumentation.ts); is this a Keyport build? KEYPORT_DIRECT_ROUTES=0 serves without them'), 60_000);
    // lib/http/direct-routes.ts installDirectRoutes() calls it once, from the app's instrumentation.
    g[Symbol.for('keyport.onDirectRouter')] = (/** @type {DirectRouter} */ router) => {
      clearTimeout(timer);
      delete g[Symbol.for('keyport.onDirectRouter')];
      resolve(router);
    };
  });

  // `next` is CommonJS: its module.exports is the factory (its typings describe it as `.default`).
  const next = /** @type {typeof import('next').default} */ (/** @type {unknown} */ ((await import('next')).default));
  const app = next({ dev: false, dir, port, hostname: 'localhost' });
  await app.prepare();
  const handle = app.getRequestHandler();
  // The app installs its direct routes in instrumentation.ts, which Next.js runs during prepare()
  // without waiting for it to finish (Next.js 16): wait for them before listening, so which path
  // serves a request never depends on how soon after start it came.
  const direct = await directRoutesInstalled;
  // What ps and top show for a serving process (the primary shows keyport-primary).
  process.title = 'keyport-portal';

  /** @type {import('node:http').RequestListener} */
  function onRequest(req, res) {
    delete req.headers[PEER_HEADER];
    const peer = req.socket.remoteAddress;
    if (peer) req.headers[PEER_HEADER] = `${token} ${peer}`;
    if (tls) res.setHeader('Strict-Transport-Security', HSTS);
    if (direct?.(req, res, { port })) return;
    handle(req, res).catch((e) => {
      process.stderr.write(`keyport-server: request failed: ${e instanceof Error ? e.message : String(e)}\n`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' });
      res.end('Something went wrong on our side.\n');
    });
  }

  const server = tls ? https.createServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, onRequest) : http.createServer(onRequest);
  server.on('error', (e) => fail(e.message));
  // For lib/shutdown, which closes it on SIGTERM: in a cluster worker the server listens on a
  // handle the primary holds, so it cannot be found among this process's own handles.
  const servers = /** @type {Record<symbol, unknown[]>} */ (/** @type {unknown} */ (globalThis));
  (servers[Symbol.for('keyport.httpServers')] ??= []).push(server);
  server.listen(port, () => process.stdout.write(`keyport-server: listening on ${tls ? 'https' : 'http'}://localhost:${port}\n`));

  let stopping = false;
  /** @param {NodeJS.Signals} signal */
  async function stop(signal) {
    // Once the app has started (instrumentation.ts) it handles the signal itself (lib/shutdown:
    // readiness false, drain, exit within SHUTDOWN_GRACE_SECONDS); this is the fallback before that.
    if (process.listenerCount(signal) > 1) return;
    if (stopping) return;
    stopping = true;
    // Finish the requests in flight, drop idle keep-alive connections, and give up after 8 s (the
    // caller, scripts/start.ts, kills after 10).
    const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 8000);
    force.unref();
    await closed;
    await app.close();
    process.exit(0);
  }
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
