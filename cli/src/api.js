// Calls to Keyport with the CLI's token: renews the access token with the refresh token when it
// is (about to be) expired, and turns every refusal into a CliError whose message says what to
// do. Keyport's own sentences are printed as they are; no token or key ever is.
import { CliError, kindOfRefusal } from './errors.js';
import { CLIENT_ID, userAgent } from './client-info.js';
import { readTokens, saveTokens } from './token-store.js';

/** @typedef {import('./secure-store.js').SecureStore} SecureStore */
/** @typedef {{ url: string; store: SecureStore }} ApiContext */

const RENEW_BEFORE_MS = 30_000;

/** @param {string} url @param {unknown} e */
export function unreachable(url, e) {
  const cause = /** @type {{ cause?: { code?: string } }} */ (e)?.cause?.code;
  return new CliError('unreachable', `Keyport at ${url} is unreachable${cause ? ` (${cause})` : ''}. Check the URL and your network, then try again.`);
}

/**
 * POSTs an OAuth form to Keyport (token and device endpoints).
 * @param {string} url @param {string} path @param {Record<string, string>} form
 * @returns {Promise<{ status: number; body: any }>}
 */
export async function postForm(url, path, form) {
  let res;
  try {
    res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'user-agent': userAgent() },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw unreachable(url, e);
  }
  const body = await res.json().catch(() => null);
  if (body === null) throw new CliError('unreachable', `${url} did not answer as Keyport does (HTTP ${res.status}). Check the URL.`);
  return { status: res.status, body };
}

/** The exit kind of a refused call. Pure. @param {number} status @param {unknown} reason @param {string} message @returns {import('./errors.js').ExitKind} */
export function kindOfStatus(status, reason, message) {
  if (status === 401) return kindOfRefusal(typeof reason === 'string' ? reason : undefined);
  if (status === 403) return /revoked/i.test(message) ? 'revoked' : 'notEntitled';
  if (status === 502 || status === 503) return 'unreachable';
  return 'failure';
}

/** @param {ApiContext} ctx @returns {Promise<string>} */
async function accessToken(ctx, force = false) {
  const t = readTokens(ctx.store, ctx.url);
  if (!t) throw new CliError('notLoggedIn', `Not logged in to Keyport at ${ctx.url}. Run \`keyport login\`.`);
  const now = Date.now();
  if (!force && t.accessExpiresAt - now > RENEW_BEFORE_MS) return t.accessToken;
  if (t.refreshExpiresAt <= now) throw new CliError('notLoggedIn', 'Your Keyport CLI login has expired. Run `keyport login` to sign in again.');
  const { status, body } = await postForm(ctx.url, '/api/cli/token', { grant_type: 'refresh_token', client_id: CLIENT_ID, refresh_token: t.refreshToken });
  if (status !== 200 || typeof body.access_token !== 'string') {
    const message = typeof body.error_description === 'string' ? body.error_description : 'Keyport refused to renew your CLI login. Run `keyport login`.';
    throw new CliError(kindOfRefusal(body.keyport_reason), message);
  }
  return saveTokens(ctx.store, ctx.url, body).accessToken;
}

/**
 * A JSON call with the CLI token; one renewal and retry when Keyport says the access token expired.
 * @param {ApiContext} ctx @param {string} path @param {{ method?: string; body?: unknown }} [opts]
 * @returns {Promise<any>}
 */
export async function api(ctx, path, opts = {}) {
  for (let attempt = 0; ; attempt++) {
    const token = await accessToken(ctx, attempt > 0);
    let res;
    try {
      res = await fetch(`${ctx.url}${path}`, {
        method: opts.method ?? 'GET',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'user-agent': userAgent(), ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (e) {
      throw unreachable(ctx.url, e);
    }
    /** @type {any} */
    const body = await res.json().catch(() => null);
    if (res.ok && body) return body;
    const error = body?.error;
    const reason = error?.detail?.reason;
    if (res.status === 401 && reason === 'access_expired' && attempt === 0) continue;
    if (!error || typeof error.message !== 'string') throw new CliError('unreachable', `${ctx.url} did not answer as Keyport does (HTTP ${res.status}). Check the URL.`);
    throw new CliError(kindOfStatus(res.status, reason, error.message), error.message, typeof reason === 'string' ? reason : undefined);
  }
}
