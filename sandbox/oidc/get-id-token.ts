// Obtains tokens from an OIDC IdP (the sandbox one) the way a browser and an app would: a real
// authorization-code + PKCE flow over HTTP, signing in through the IdP's form with a cookie jar.
// Powers `npm run sandbox:token -- <username>` and the integration tests.
import { createHash, randomBytes } from 'node:crypto';

import { createRemoteJWKSet, jwtVerify } from 'jose';
import { z } from 'zod';

import { CookieJar } from './cookie-jar';

export interface GetIdTokenOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  username: string;
  password: string;
  /** Default `openid email profile groups`. */
  scope?: string;
  /** Default `client_secret_basic`. */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
}

export interface IdpTokens {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  /** Seconds until the access token expires (the sandbox IdP gives ID and access tokens the same lifetime). */
  expiresIn: number;
}

export type IdpSignInErrorCode =
  | 'invalid_credentials'
  | 'authorization_error'
  | 'token_error'
  | 'invalid_response'
  | 'unreachable';

export class IdpSignInError extends Error {
  constructor(
    readonly code: IdpSignInErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IdpSignInError';
  }
}

const REQUEST_TIMEOUT_MS = 15_000;
const MAX_STEPS = 15;

const discoverySchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
});
type Discovery = z.infer<typeof discoverySchema>;

const tokenResponseSchema = z.object({
  id_token: z.string().min(1),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().int().nonnegative(),
  token_type: z.string(),
});

const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

const base64url = (bytes: Buffer): string => bytes.toString('base64url');
const randomToken = (): string => base64url(randomBytes(32));

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (err) {
    const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw new IdpSignInError('unreachable', `could not reach ${new URL(url).origin} (${reason}); is the IdP running?`);
  }
}

async function discover(issuer: string): Promise<Discovery> {
  const key = trimSlash(issuer);
  const res = await request(`${key}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
  if (res.status !== 200) {
    throw new IdpSignInError('invalid_response', `discovery at ${key} answered HTTP ${res.status}`);
  }
  const parsed = discoverySchema.safeParse(await res.json());
  if (!parsed.success) throw new IdpSignInError('invalid_response', `discovery at ${key} is not an OpenID configuration`);
  if (trimSlash(parsed.data.issuer) !== key) {
    throw new IdpSignInError('invalid_response', `discovery at ${key} names another issuer (${parsed.data.issuer})`);
  }
  return parsed.data;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };
const decodeEntities = (s: string): string => s.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, e: string) => ENTITIES[e] ?? _);

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    const name = m[1];
    if (name) out.set(name.toLowerCase(), decodeEntities(m[3] ?? m[4] ?? ''));
  }
  return out;
}

interface HtmlForm {
  action: string;
  method: string;
  fields: Map<string, string>; // hidden inputs
  inputNames: Set<string>;
}

function parseForms(page: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const m of page.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributes(m[1] ?? '');
    const inner = m[2] ?? '';
    const fields = new Map<string, string>();
    const inputNames = new Set<string>();
    for (const input of inner.matchAll(/<(?:input|textarea)\b([^>]*)>/gi)) {
      const a = attributes(input[1] ?? '');
      const name = a.get('name');
      if (!name) continue;
      inputNames.add(name);
      if (a.get('type')?.toLowerCase() === 'hidden') fields.set(name, a.get('value') ?? '');
    }
    forms.push({ action: attrs.get('action') ?? '', method: (attrs.get('method') ?? 'get').toLowerCase(), fields, inputNames });
  }
  return forms;
}

/** The visible text of the page's alert, or its first heading, to explain an unexpected page. */
function pageMessage(page: string): string {
  const m = /role="alert"[^>]*>([\s\S]*?)<\//i.exec(page) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(page);
  return m?.[1] ? decodeEntities(m[1].replace(/<[^>]+>/g, '')).trim() : 'no explanation on the page';
}

function isRedirectUri(location: URL, redirectUri: URL): boolean {
  return location.origin === redirectUri.origin && location.pathname === redirectUri.pathname;
}

async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined);
}

function clientAuth(
  method: 'client_secret_basic' | 'client_secret_post',
  clientId: string,
  clientSecret: string,
  body: URLSearchParams,
): Record<string, string> {
  if (method === 'client_secret_post') {
    body.set('client_id', clientId);
    body.set('client_secret', clientSecret);
    return {};
  }
  // RFC 6749 §2.3.1: form-encode both parts before base64.
  const enc = (s: string): string => encodeURIComponent(s).replace(/%20/g, '+');
  return { authorization: `Basic ${Buffer.from(`${enc(clientId)}:${enc(clientSecret)}`).toString('base64')}` };
}

async function tokenRequest(
  discovery: Discovery,
  body: URLSearchParams,
  headers: Record<string, string>,
): Promise<z.infer<typeof tokenResponseSchema>> {
  const res = await request(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
    body,
  });
  const json: unknown = await res.json().catch(() => undefined);
  if (res.status !== 200) {
    const err = tokenErrorSchema.safeParse(json);
    const detail = err.success ? `${err.data.error}${err.data.error_description ? `: ${err.data.error_description}` : ''}` : `HTTP ${res.status}`;
    throw new IdpSignInError('token_error', `the token endpoint refused the request (${detail})`);
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new IdpSignInError('invalid_response', 'the token endpoint answered without an id_token/access_token');
  }
  return parsed.data;
}

async function verifyIdToken(
  discovery: Discovery,
  idToken: string,
  clientId: string,
  nonce: string | undefined,
): Promise<void> {
  const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(idToken, jwks, { issuer: discovery.issuer, audience: clientId }));
  } catch (err) {
    throw new IdpSignInError(
      'invalid_response',
      `the IdP returned an ID token that does not verify (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  if (nonce !== undefined && payload.nonce !== nonce) {
    throw new IdpSignInError('invalid_response', 'the ID token does not carry the nonce of this sign-in');
  }
}

/**
 * Signs `username` in at the IdP through its real sign-in page (authorization code flow with
 * PKCE S256, state and nonce), exchanges the code, and returns the tokens after checking the ID
 * token's signature, issuer, audience and nonce.
 */
export async function getIdToken(opts: GetIdTokenOptions): Promise<IdpTokens> {
  const discovery = await discover(opts.issuer);
  const issuerOrigin = new URL(discovery.authorization_endpoint).origin;
  const redirectUri = new URL(opts.redirectUri);
  const jar = new CookieJar(issuerOrigin);

  const state = randomToken();
  const nonce = randomToken();
  const codeVerifier = randomToken();
  const codeChallenge = base64url(createHash('sha256').update(codeVerifier).digest());

  const authUrl = new URL(discovery.authorization_endpoint);
  authUrl.search = new URLSearchParams({
    client_id: opts.clientId,
    redirect_uri: opts.redirectUri,
    response_type: 'code',
    scope: opts.scope ?? 'openid email profile groups',
    state,
    nonce,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
  }).toString();

  let next: { url: string; method: 'GET' | 'POST'; body?: URLSearchParams } = { url: authUrl.href, method: 'GET' };
  let submittedLogin = false;
  let callback: URL | undefined;

  for (let step = 0; step < MAX_STEPS && !callback; step += 1) {
    const headers: Record<string, string> = { accept: 'text/html' };
    const cookie = jar.headerFor(next.url);
    if (cookie) headers.cookie = cookie;
    if (next.method === 'POST') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers.origin = issuerOrigin; // as the browser would for the IdP's own form
    }
    const res = await request(next.url, { method: next.method, headers, body: next.body });
    jar.store(next.url, res.headers.getSetCookie());

    if (res.status >= 300 && res.status < 400) {
      await discard(res);
      const location = res.headers.get('location');
      if (!location) throw new IdpSignInError('invalid_response', `HTTP ${res.status} without a Location from ${next.url}`);
      const target = new URL(location, next.url);
      if (isRedirectUri(target, redirectUri)) {
        callback = target; // the app's callback: capture the code, never fetch it
        break;
      }
      if (target.origin !== issuerOrigin) {
        throw new IdpSignInError('invalid_response', `the IdP redirected to an unexpected place (${target.origin}${target.pathname})`);
      }
      next = { url: target.href, method: 'GET' };
      continue;
    }

    const page = await res.text();
    const login = parseForms(page).find((f) => f.method === 'post' && f.inputNames.has('password'));
    if (submittedLogin && (res.status === 401 || page.includes('id="login-error"'))) {
      throw new IdpSignInError(
        'invalid_credentials',
        `sign-in as "${opts.username}" at ${discovery.issuer} failed: unknown username or wrong password`,
      );
    }
    if (login && !submittedLogin) {
      const body = new URLSearchParams([...login.fields]);
      body.set('username', opts.username);
      body.set('password', opts.password);
      submittedLogin = true;
      next = { url: new URL(login.action || next.url, next.url).href, method: 'POST', body };
      continue;
    }
    throw new IdpSignInError(
      'invalid_response',
      `the IdP answered HTTP ${res.status} at ${new URL(next.url).pathname}: ${pageMessage(page)}`,
    );
  }
  if (!callback) throw new IdpSignInError('invalid_response', `no redirect to ${opts.redirectUri} after ${MAX_STEPS} steps`);

  const params = callback.searchParams;
  const iss = params.get('iss');
  if (iss !== null && trimSlash(iss) !== trimSlash(discovery.issuer)) {
    throw new IdpSignInError('invalid_response', `the authorization response names another issuer (${iss})`);
  }
  if (params.get('state') !== state) {
    throw new IdpSignInError('invalid_response', 'the authorization response does not carry the state of this sign-in');
  }
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    throw new IdpSignInError('authorization_error', `the IdP refused the sign-in (${error}${description ? `: ${description}` : ''})`);
  }
  const code = params.get('code');
  if (!code) throw new IdpSignInError('invalid_response', 'the authorization response has no code');

  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: opts.redirectUri,
    code_verifier: codeVerifier,
  });
  const auth = clientAuth(opts.tokenEndpointAuthMethod ?? 'client_secret_basic', opts.clientId, opts.clientSecret, body);
  const tokens = await tokenRequest(discovery, body, auth);
  await verifyIdToken(discovery, tokens.id_token, opts.clientId, nonce);
  return {
    idToken: tokens.id_token,
    accessToken: tokens.access_token,
    ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
    expiresIn: tokens.expires_in,
  };
}

export interface RefreshIdTokenOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
}

/** Redeems a refresh token for fresh tokens (a new ID token with the person's current claims). */
export async function refreshIdToken(opts: RefreshIdTokenOptions): Promise<IdpTokens> {
  const discovery = await discover(opts.issuer);
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: opts.refreshToken });
  const auth = clientAuth(opts.tokenEndpointAuthMethod ?? 'client_secret_basic', opts.clientId, opts.clientSecret, body);
  const tokens = await tokenRequest(discovery, body, auth);
  await verifyIdToken(discovery, tokens.id_token, opts.clientId, undefined);
  return {
    idToken: tokens.id_token,
    accessToken: tokens.access_token,
    // A rotated refresh token replaces the old one; otherwise the old one stays valid.
    refreshToken: tokens.refresh_token ?? opts.refreshToken,
    expiresIn: tokens.expires_in,
  };
}
