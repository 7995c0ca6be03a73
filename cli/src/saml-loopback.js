// SAML passthrough from the CLI: AWS needs a fresh assertion from the person's IdP, which only the
// browser can fetch. The CLI listens on a loopback port, asks Keyport to start the request
// (POST /api/cli/saml/start with a one-time X25519 public key), opens the browser at the IdP, and
// receives the outcome on the loopback, sealed to its key (shared/loopback-seal.js): the browser
// only ever carries ciphertext.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { api } from './api.js';
import { CliError } from './errors.js';
import { openBrowser } from './open-browser.js';
import { newLoopbackKeyPair, openLoopbackSeal } from './shared/loopback-seal.js';

const WAIT_MS = 5 * 60 * 1000;

/** @param {import('./api.js').ApiContext} ctx @param {{ role: string; durationSeconds?: number | undefined; region?: string | undefined }} req @returns {Promise<any>} the issued body */
export async function issueThroughBrowser(ctx, req) {
  const keys = newLoopbackKeyPair();
  const state = randomBytes(24).toString('base64url');
  /** @type {(v: string | null) => void} */
  let deliver = () => undefined;
  const delivered = new Promise((resolve) => (deliver = resolve));
  const server = createServer((request, res) => {
    const u = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (u.pathname !== '/callback' || u.searchParams.get('state') !== state) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not the keyport request you started.\n');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", 'referrer-policy': 'no-referrer' })
      .end('<!doctype html><meta charset="utf-8"><title>keyport</title><body style="font-family:sans-serif;margin:3rem"><h1>Done</h1><p>The keyport CLI has the answer. You can close this tab.</p></body>');
    deliver(u.searchParams.get('result'));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  try {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const { redirectUrl } = await api(ctx, '/api/cli/saml/start', {
      method: 'POST',
      body: { role: req.role, ...(req.durationSeconds === undefined ? {} : { durationSeconds: req.durationSeconds }), ...(req.region === undefined ? {} : { region: req.region }), redirectUri: `http://127.0.0.1:${port}/callback`, state, publicKey: keys.publicKey },
    });
    if (process.env.KEYPORT_NO_BROWSER === '1' || !(await openBrowser(redirectUrl))) process.stderr.write(`This role is issued through your SAML identity provider. Open this URL to continue: ${redirectUrl}\n`);
    else process.stderr.write('This role is issued through your SAML identity provider: continuing in your browser…\n');
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    const sealed = await Promise.race([delivered, new Promise((resolve) => (timer = setTimeout(() => resolve(undefined), WAIT_MS)))]);
    clearTimeout(timer);
    if (sealed === undefined) throw new CliError('failure', 'The browser did not come back within 5 minutes. Run the command again.');
    if (typeof sealed !== 'string') throw new CliError('failure', 'The browser came back without a result. Run the command again.');
    let outcome;
    try {
      outcome = JSON.parse(openLoopbackSeal({ privateKey: keys.privateKey, publicKey: keys.publicKey, state, sealed }));
    } catch {
      throw new CliError('failure', 'The result that came back could not be opened with this request’s key. Run the command again.');
    }
    if (outcome.status !== 200) {
      const message = outcome.body?.error?.message ?? 'Keyport refused the request.';
      throw new CliError(outcome.status === 403 ? (/revoked/i.test(message) ? 'revoked' : 'notEntitled') : 'failure', message);
    }
    return outcome.body;
  } finally {
    server.close();
    server.closeAllConnections?.();
  }
}
