// keyport login: OAuth 2.0 authorization code with PKCE (RFC 7636) and a loopback redirect
// (RFC 8252 7.3: 127.0.0.1, a port chosen now, state checked), or --device-code (RFC 8628).
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { api, postForm } from '../api.js';
import { clientName, CLIENT_ID } from '../client-info.js';
import { configDir, normalizePortalUrl, readConfig, writeConfig } from '../config.js';
import { CliError } from '../errors.js';
import { openBrowser } from '../open-browser.js';
import { openSecureStore } from '../secure-store.js';
import { saveTokens } from '../token-store.js';

const LOGIN_TIMEOUT_MS = 5 * 60 * 1000;

/** @param {{ url?: string; browser: boolean; deviceCode?: boolean }} opts */
export async function login(opts) {
  const dir = configDir();
  const raw = opts.url ?? process.env.KEYPORT_URL ?? readConfig(dir).url;
  if (!raw) throw new CliError('usage', 'Which Keyport? Run `keyport login --url https://<your Keyport>` (it is remembered), or set KEYPORT_URL.');
  const url = normalizePortalUrl(raw);
  const store = openSecureStore(dir);
  const set = opts.deviceCode ? await deviceLogin(url) : await loopbackLogin(url, opts.browser);
  saveTokens(store, url, set);
  writeConfig(dir, { ...readConfig(dir), url });
  const who = await api({ url, store }, '/api/cli/whoami');
  process.stderr.write(`Signed in to ${url} as ${who.name ?? who.email ?? who.sub}. This CLI sign-in ends ${who.signInEndsAt.replace('T', ' ').slice(0, 16)} UTC, with your browser session.\n`);
}

/** @param {string} url @param {boolean} browser */
async function loopbackLogin(url, browser) {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(24).toString('base64url');
  /** @type {(v: { code: string } | { error: string }) => void} */
  let answer = () => undefined;
  const answered = new Promise((resolve) => (answer = resolve));
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (u.pathname !== '/callback' || u.searchParams.get('state') !== state) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not the keyport sign-in you started.\n');
      return;
    }
    const code = u.searchParams.get('code');
    const error = u.searchParams.get('error_description') ?? u.searchParams.get('error');
    const ok = Boolean(code);
    res
      .writeHead(ok ? 200 : 400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" })
      .end(
        `<!doctype html><meta charset="utf-8"><title>keyport</title><body style="font-family:sans-serif;margin:3rem"><h1>${ok ? 'Signed in' : 'Not signed in'}</h1><p>${ok ? 'The keyport CLI is signed in. You can close this tab and return to the terminal.' : 'The sign-in was declined. You can close this tab.'}</p></body>`,
      );
    answer(code ? { code } : { error: error ?? 'access_denied' });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const redirectUri = `http://127.0.0.1:${port}/callback`;
  const authorize = new URL(`${url}/cli/authorize`);
  authorize.search = new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256', state, client_name: clientName() }).toString();
  try {
    if (!browser || !(await openBrowser(authorize.toString()))) process.stderr.write(`Open this URL to sign in: ${authorize.toString()}\n`);
    else process.stderr.write(`Your browser opened Keyport to sign in. If it did not, open: ${authorize.toString()}\n`);
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve({ error: 'timeout' }), LOGIN_TIMEOUT_MS)));
    const result = /** @type {{ code: string } | { error: string }} */ (await Promise.race([answered, timeout]));
    clearTimeout(timer);
    if ('error' in result) {
      throw new CliError('notLoggedIn', result.error === 'timeout' ? 'The sign-in was not completed within 5 minutes. Run `keyport login` again.' : `Not signed in: ${result.error}`);
    }
    const { status, body } = await postForm(url, '/api/cli/token', { grant_type: 'authorization_code', client_id: CLIENT_ID, code: result.code, code_verifier: verifier, redirect_uri: redirectUri });
    if (status !== 200) throw new CliError('notLoggedIn', body.error_description ?? 'Keyport refused the sign-in. Run `keyport login` again.');
    return body;
  } finally {
    server.close();
    server.closeAllConnections?.();
  }
}

/** @param {string} url */
async function deviceLogin(url) {
  const started = await postForm(url, '/api/cli/device', { client_id: CLIENT_ID, client_name: clientName() });
  if (started.status !== 200) throw new CliError('failure', started.body.error_description ?? 'Keyport refused to start a device sign-in.');
  const d = started.body;
  process.stderr.write(`To sign in, open ${d.verification_uri} in a browser on any device, sign in, and enter the code:\n\n    ${d.user_code}\n\nCheck that the page shows this code before you approve. Waiting…\n`);
  let interval = Number(d.interval) || 5;
  const deadline = Date.now() + Number(d.expires_in) * 1000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, interval * 1000));
    const { status, body } = await postForm(url, '/api/cli/token', { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: CLIENT_ID, device_code: d.device_code });
    if (status === 200) return body;
    if (body.error === 'authorization_pending') continue;
    if (body.error === 'slow_down') {
      interval = Number(body.interval) || interval + 5;
      continue;
    }
    throw new CliError('notLoggedIn', body.error_description ?? `Not signed in (${body.error}).`);
  }
  throw new CliError('notLoggedIn', 'The code expired before it was approved. Run `keyport login --device-code` again.');
}
