// @ts-check
// Keyport's server entry: a Next.js custom server (https://nextjs.org/docs/app/guides/custom-server)
// that does two things `next start` cannot.
//
// 1. It tells the app each request's TCP peer. Route handlers cannot see the socket, and Next.js
//    keeps a client-sent X-Forwarded-For instead of the socket address, so the audit's source
//    address would be whatever the client wrote. Here every incoming copy of `x-keyport-peer` is
//    removed and replaced by `<token> <socket.remoteAddress>`, where the token is random for this
//    process and handed to the app through its environment (KEYPORT_PEER_TOKEN) before Next.js
//    loads. lib/http/peer-header.ts believes the header only with that token, so a forged header
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
// Settings: PORT, NEXT_DIST_DIR (default .next), KEYPORT_TLS_CERT_FILE, KEYPORT_TLS_KEY_FILE.
//
// Like scripts/, this bootstrap reads process.env itself; the app validates the same settings in
// lib/config/schema.ts when it starts (instrumentation.ts), and stops on a bad one.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
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

if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a TCP port (got ${env.PORT})`);
if (Boolean(env.KEYPORT_TLS_CERT_FILE) !== Boolean(env.KEYPORT_TLS_KEY_FILE)) fail('set both KEYPORT_TLS_CERT_FILE and KEYPORT_TLS_KEY_FILE, or neither');

// Before Next.js (and with it the app's config module) is loaded: the app reads the token from its
// environment. Whatever value came from outside is replaced.
const token = randomBytes(32).toString('base64url');
env.KEYPORT_PEER_TOKEN = token;
Object.assign(env, { NODE_ENV: 'production' });
env.NEXT_TELEMETRY_DISABLED ??= '1';

// A standalone build folder has no next.config.js; its configuration is serialised in the build.
const serverFiles = path.join(dir, distDir, 'required-server-files.json');
if (!existsSync(path.join(dir, 'next.config.js')) && existsSync(serverFiles) && !env.__NEXT_PRIVATE_STANDALONE_CONFIG) {
  env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(JSON.parse(readFileSync(serverFiles, 'utf8')).config);
}

const tls = tlsFiles ? { cert: readFileSync(tlsFiles.cert), key: readFileSync(tlsFiles.key) } : null;

// `next` is CommonJS: its module.exports is the factory (its typings describe it as `.default`).
const next = /** @type {typeof import('next').default} */ (/** @type {unknown} */ ((await import('next')).default));
const app = next({ dev: false, dir, port, hostname: 'localhost' });
await app.prepare();
const handle = app.getRequestHandler();

/** @type {import('node:http').RequestListener} */
function onRequest(req, res) {
  delete req.headers[PEER_HEADER];
  const peer = req.socket.remoteAddress;
  if (peer) req.headers[PEER_HEADER] = `${token} ${peer}`;
  if (tls) res.setHeader('Strict-Transport-Security', HSTS);
  handle(req, res).catch((e) => {
    process.stderr.write(`keyport-server: request failed: ${e instanceof Error ? e.message : String(e)}\n`);
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' });
    res.end('Something went wrong on our side.\n');
  });
}

const server = tls ? https.createServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, onRequest) : http.createServer(onRequest);
server.on('error', (e) => fail(e.message));
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
