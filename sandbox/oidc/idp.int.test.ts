import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_PEOPLE, type DemoPerson } from '../people';
import { CookieJar } from './cookie-jar';
import { getIdToken, IdpSignInError, refreshIdToken } from './get-id-token';
import { startOidcIdp, subjectFor, type OidcIdp } from './idp';

const CLIENT_ID = 'keyport-test';
const CLIENT_SECRET = 'keyport-test-secret';
const REDIRECT_URI = 'http://localhost:3999/api/auth/callback/oidc';
const POST_LOGOUT_URI = 'http://localhost:3999/signed-out';
const OIDC_PEOPLE = DEMO_PEOPLE.filter((p) => p.idp !== 'saml');

function person(username: string): DemoPerson {
  const found = DEMO_PEOPLE.find((p) => p.username === username);
  if (!found) throw new Error(`no demo person ${username}`);
  return found;
}

function clients() {
  return [
    { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI], postLogoutRedirectUris: [POST_LOGOUT_URI] },
  ];
}

function tokenOpts(idp: OidcIdp, username: string, password = person(username).password) {
  return { issuer: idp.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT_URI, username, password };
}

async function verify(idp: OidcIdp, idToken: string): Promise<JWTPayload> {
  const jwks = createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
  const { payload, protectedHeader } = await jwtVerify(idToken, jwks, { issuer: idp.issuer, audience: CLIENT_ID });
  expect(protectedHeader.alg).toBe('RS256');
  return payload;
}

/** A tiny browser: fetches without following redirects, keeping the IdP's cookies. */
function browser(idp: OidcIdp) {
  const jar = new CookieJar(idp.issuer);
  return {
    jar,
    async go(url: string, init: { method?: string; form?: Record<string, string>; origin?: string } = {}) {
      const headers: Record<string, string> = {};
      const cookie = jar.headerFor(url);
      if (cookie) headers.cookie = cookie;
      if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
      if (init.origin) headers.origin = init.origin;
      const res = await fetch(url, {
        method: init.method ?? (init.form ? 'POST' : 'GET'),
        headers,
        body: init.form ? new URLSearchParams(init.form) : undefined,
        redirect: 'manual',
      });
      jar.store(url, res.headers.getSetCookie());
      const location = res.headers.get('location');
      return { res, body: await res.text(), location: location ? new URL(location, url) : undefined };
    },
  };
}

function authorizationUrl(idp: OidcIdp, extra: Record<string, string | undefined> = {}) {
  const verifier = randomBytes(32).toString('base64url');
  const params: Record<string, string | undefined> = {
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'openid email profile groups',
    state: randomBytes(8).toString('hex'),
    nonce: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...extra,
  };
  const url = new URL(`${idp.issuer}/auth`);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return { url: url.href, verifier, state: params.state, nonce: params.nonce };
}

describe('sandbox OIDC IdP', () => {
  let idp: OidcIdp;
  const logs: Record<string, unknown>[] = [];

  beforeAll(async () => {
    idp = await startOidcIdp({ clients: clients(), people: DEMO_PEOPLE, log: (e) => logs.push(e) });
  });
  afterAll(async () => {
    await idp.close();
  });

  it('listens on loopback and names itself http://localhost:<port>', () => {
    const port = new URL(idp.url).port;
    expect(idp.url).toBe(`http://127.0.0.1:${port}`);
    expect(idp.issuer).toBe(`http://localhost:${port}`);
  });

  it('publishes a discovery document for the code flow with PKCE S256 and groups', async () => {
    const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const d = (await res.json()) as Record<string, unknown>;
    expect(d.issuer).toBe(idp.issuer);
    expect(d.authorization_endpoint).toBe(`${idp.issuer}/auth`);
    expect(d.token_endpoint).toBe(`${idp.issuer}/token`);
    expect(d.userinfo_endpoint).toBe(`${idp.issuer}/me`);
    expect(d.jwks_uri).toBe(`${idp.issuer}/jwks`);
    expect(d.end_session_endpoint).toBe(`${idp.issuer}/session/end`);
    expect(d.code_challenge_methods_supported).toEqual(['S256']);
    expect(d.response_types_supported).toEqual(['code']);
    expect(d.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
    expect(d.token_endpoint_auth_methods_supported).toEqual(['client_secret_basic', 'client_secret_post']);
    expect(d.id_token_signing_alg_values_supported).toEqual(['RS256']);
    expect(d.scopes_supported).toEqual(expect.arrayContaining(['openid', 'email', 'profile', 'groups', 'offline_access']));
    expect(d.claims_supported).toEqual(
      expect.arrayContaining(['sub', 'name', 'email', 'email_verified', 'preferred_username', 'groups']),
    );
    const jwks = (await (await fetch(String(d.jwks_uri))).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d'); // public part only
  });

  it.each(OIDC_PEOPLE.map((p) => [p.username, p] as const))(
    'signs %s in through the form and issues a verifiable ID token with their claims',
    async (username, p) => {
      const tokens = await getIdToken(tokenOpts(idp, username));
      const claims = await verify(idp, tokens.idToken);
      expect(claims).toMatchObject({
        iss: idp.issuer,
        aud: CLIENT_ID,
        sub: subjectFor(username),
        name: p.name,
        email: p.email,
        email_verified: true,
        preferred_username: username,
        groups: p.groups,
      });
      expect(typeof claims.nonce).toBe('string');
      expect(claims.exp! - claims.iat!).toBe(3600);
      expect(tokens.expiresIn).toBe(3600);
      expect(tokens.accessToken).toBeTruthy();
      expect(tokens.refreshToken).toBeTruthy();
    },
  );

  it('puts groups in the ID token for `openid email profile` and accepts client_secret_post', async () => {
    const tokens = await getIdToken({
      ...tokenOpts(idp, 'adam'),
      scope: 'openid email profile',
      tokenEndpointAuthMethod: 'client_secret_post',
    });
    const claims = await verify(idp, tokens.idToken);
    expect(claims.groups).toEqual(person('adam').groups);
    expect(claims.email).toBe('adam@example.com');
    expect(tokens.refreshToken).toBeTruthy();
  });

  it('answers userinfo for the access token', async () => {
    const tokens = await getIdToken(tokenOpts(idp, 'rita'));
    const res = await fetch(`${idp.issuer}/me`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      sub: subjectFor('rita'),
      email: 'rita@example.com',
      preferred_username: 'rita',
      groups: ['security-reviewers'],
    });
  });

  it('refuses a wrong password or an unknown user with the same page and no code', async () => {
    const pages: { status: number; error: string }[] = [];
    for (const [username, password] of [
      ['alice', 'wrong-password'],
      ['nobody', 'alice-sandbox'],
    ] as const) {
      const b = browser(idp);
      const { url } = authorizationUrl(idp);
      const start = await b.go(url);
      expect(start.res.status).toBe(303);
      expect(start.location?.pathname).toMatch(/^\/interaction\/[\w-]+$/);
      const form = await b.go(start.location!.href);
      expect(form.res.status).toBe(200);
      expect(form.body).toContain('Keyport sandbox IdP');
      const submitted = await b.go(`${start.location!.href}/login`, {
        form: { username, password },
        origin: idp.issuer,
      });
      expect(submitted.location).toBeUndefined();
      expect(submitted.body).not.toContain('code=');
      const error = /role="alert"[^>]*>([^<]*)</.exec(submitted.body)?.[1] ?? '';
      pages.push({ status: submitted.res.status, error });
      // The request is still usable: the right password goes through afterwards.
      if (username === 'alice') {
        const retry = await b.go(`${start.location!.href}/login`, {
          form: { username, password: person('alice').password },
          origin: idp.issuer,
        });
        expect(retry.res.status).toBe(303);
      }
    }
    expect(pages[0]).toEqual({ status: 401, error: 'Unknown username or wrong password.' });
    expect(pages[1]).toEqual(pages[0]);
    expect(JSON.stringify(logs)).not.toContain('wrong-password');

    await expect(getIdToken(tokenOpts(idp, 'alice', 'wrong-password'))).rejects.toThrow(
      /sign-in as "alice" .* failed: unknown username or wrong password/,
    );
    await expect(getIdToken(tokenOpts(idp, 'nobody', 'x'))).rejects.toMatchObject({
      name: 'IdpSignInError',
      code: 'invalid_credentials',
    });
  });

  it('serves a CSP-friendly sign-in page with labelled fields', async () => {
    const b = browser(idp);
    const start = await b.go(authorizationUrl(idp).url);
    const page = await b.go(start.location!.href);
    expect(page.res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.res.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('<label for="username">Username</label>');
    expect(page.body).toContain('<label for="password">Password</label>');
    expect(page.body).toContain('<button type="submit">Sign in</button>');
    expect(page.body).not.toMatch(/<script/i);
    for (const p of OIDC_PEOPLE) expect(page.body).toContain(`<code>${p.username}</code>`);
    const css = await fetch(`${idp.issuer}/sandbox/style.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('refuses a cross-site login post', async () => {
    const b = browser(idp);
    const start = await b.go(authorizationUrl(idp).url);
    const res = await b.go(`${start.location!.href}/login`, {
      form: { username: 'alice', password: person('alice').password },
      origin: 'http://evil.example',
    });
    expect(res.res.status).toBe(403);
    expect(res.location).toBeUndefined();
  });

  it('refuses an authorization request without code_challenge', async () => {
    const b = browser(idp);
    const { url, state } = authorizationUrl(idp, { code_challenge: undefined, code_challenge_method: undefined });
    const res = await b.go(url);
    expect(res.res.status).toBe(303);
    expect(res.location?.origin + res.location!.pathname).toBe(REDIRECT_URI);
    expect(res.location?.searchParams.get('error')).toBe('invalid_request');
    expect(res.location?.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(res.location?.searchParams.get('state')).toBe(state);
    expect(res.location?.searchParams.has('code')).toBe(false);
  });

  it('refuses the plain PKCE method', async () => {
    const b = browser(idp);
    const res = await b.go(authorizationUrl(idp, { code_challenge_method: 'plain' }).url);
    expect(res.location?.searchParams.get('error')).toBe('invalid_request');
    expect(res.location?.searchParams.has('code')).toBe(false);
  });

  it('refuses to redeem a code with the wrong verifier', async () => {
    const b = browser(idp);
    const auth = authorizationUrl(idp);
    const start = await b.go(auth.url);
    let step = await b.go(`${start.location!.href}/login`, {
      form: { username: 'noah', password: person('noah').password },
      origin: idp.issuer,
    });
    while (step.location && step.location.origin === new URL(idp.issuer).origin) step = await b.go(step.location.href);
    const code = step.location?.searchParams.get('code');
    expect(code).toBeTruthy();
    expect(step.location?.searchParams.get('state')).toBe(auth.state);
    expect(step.location?.searchParams.get('iss')).toBe(idp.issuer);
    const res = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: code!,
        redirect_uri: REDIRECT_URI,
        code_verifier: randomBytes(32).toString('base64url'),
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('handles an explicit consent prompt (offline_access) without showing a consent screen', async () => {
    const b = browser(idp);
    const auth = authorizationUrl(idp, { scope: 'openid email offline_access', prompt: 'consent' });
    const start = await b.go(auth.url);
    let step = await b.go(`${start.location!.href}/login`, {
      form: { username: 'rita', password: person('rita').password },
      origin: idp.issuer,
    });
    const visited: string[] = [];
    while (step.location && step.location.origin === new URL(idp.issuer).origin) {
      visited.push(step.location.pathname);
      step = await b.go(step.location.href);
      expect(step.res.status).toBe(303); // never a page to click through
    }
    expect(visited.some((p) => p.startsWith('/interaction/'))).toBe(true); // the consent step ran
    const code = step.location?.searchParams.get('code');
    expect(code).toBeTruthy();
    const res = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: code!,
        redirect_uri: REDIRECT_URI,
        code_verifier: auth.verifier,
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      }),
    });
    const body = (await res.json()) as { scope: string; refresh_token?: string; id_token: string };
    expect(body.scope.split(' ')).toEqual(expect.arrayContaining(['openid', 'email', 'offline_access']));
    expect(body.refresh_token).toBeTruthy();
    expect((await verify(idp, body.id_token)).groups).toEqual(['security-reviewers']);
  });

  it('refresh grant returns a new, verifiable ID token with the current groups', async () => {
    const first = await getIdToken(tokenOpts(idp, 'noah'));
    expect((await verify(idp, first.idToken)).groups).toEqual(['marketing']);
    idp.setGroups('noah', ['marketing', 'engineering']);
    const refreshed = await refreshIdToken({
      issuer: idp.issuer,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      refreshToken: first.refreshToken!,
    });
    expect(refreshed.idToken).not.toBe(first.idToken);
    const claims = await verify(idp, refreshed.idToken);
    expect(claims.sub).toBe(subjectFor('noah'));
    expect(claims.groups).toEqual(['marketing', 'engineering']);
    idp.setGroups('noah', ['marketing']);
  });

  it('setGroups changes the groups in the next sign-in and in people()', async () => {
    idp.setGroups('rita', ['security-reviewers', 'incident-responders']);
    expect(idp.people().find((p) => p.username === 'rita')?.groups).toEqual(['security-reviewers', 'incident-responders']);
    const claims = await verify(idp, (await getIdToken(tokenOpts(idp, 'rita'))).idToken);
    expect(claims.groups).toEqual(['security-reviewers', 'incident-responders']);
    idp.setGroups('rita', ['security-reviewers']);
    expect(() => idp.setGroups('nobody', ['x'])).toThrow(/unknown person/);
  });

  it('the people page lists groups and its form changes them for the next token', async () => {
    const list = await fetch(`${idp.issuer}/sandbox/people`);
    expect(list.status).toBe(200);
    const page = await list.text();
    expect(page).toContain('<label for="groups-alice">Groups of alice</label>');
    expect(page).toContain('<code>eng-oncall</code>');

    const post = await fetch(`${idp.issuer}/sandbox/people`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: idp.issuer },
      body: new URLSearchParams({ username: 'alice', groups: 'engineering, eng-oncall\nprod-admins' }),
    });
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toBe('/sandbox/people?saved=alice');
    const after = await (await fetch(`${idp.issuer}/sandbox/people?saved=alice`)).text();
    expect(after).toContain('Saved the groups of <strong>alice</strong>');
    expect(after).toContain('<code>prod-admins</code>');

    const claims = await verify(idp, (await getIdToken(tokenOpts(idp, 'alice'))).idToken);
    expect(claims.groups).toEqual(['engineering', 'eng-oncall', 'prod-admins']);
    idp.setGroups('alice', person('alice').groups);
  });

  it('the people page refuses cross-site posts and bad group names', async () => {
    const crossSite = await fetch(`${idp.issuer}/sandbox/people`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' },
      body: new URLSearchParams({ username: 'noah', groups: 'keyport-admins' }),
    });
    expect(crossSite.status).toBe(403);
    const invalid = await fetch(`${idp.issuer}/sandbox/people`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'noah', groups: 'bad group' }),
    });
    expect(invalid.status).toBe(422);
    expect(await invalid.text()).toContain('is not a valid group name');
    const unknown = await fetch(`${idp.issuer}/sandbox/people`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: '<nobody>', groups: 'x' }),
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('No person &quot;&lt;nobody&gt;&quot;');
    expect(idp.people().find((p) => p.username === 'noah')?.groups).toEqual(['marketing']);
  });

  it('RP-initiated logout ends the session, revokes the refresh token and returns to the registered URI', async () => {
    const b = browser(idp);
    const auth = authorizationUrl(idp);
    const start = await b.go(auth.url);
    let step = await b.go(`${start.location!.href}/login`, {
      form: { username: 'adam', password: person('adam').password },
      origin: idp.issuer,
    });
    while (step.location && step.location.origin === new URL(idp.issuer).origin) step = await b.go(step.location.href);
    const tokenRes = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: step.location!.searchParams.get('code')!,
        redirect_uri: REDIRECT_URI,
        code_verifier: auth.verifier,
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
      }),
    });
    const tokens = (await tokenRes.json()) as { id_token: string; refresh_token: string };
    expect(decodeJwt(tokens.id_token).nonce).toBe(auth.nonce);

    // A second authorization rides the session and the automatic grant: straight back with a code.
    const again = await b.go(authorizationUrl(idp).url);
    expect(`${again.location?.origin}${again.location?.pathname}`).toBe(REDIRECT_URI);
    expect(again.location?.searchParams.get('code')).toBeTruthy();

    // An unregistered post-logout URI is refused.
    const evil = new URL(`${idp.issuer}/session/end`);
    evil.search = new URLSearchParams({ id_token_hint: tokens.id_token, post_logout_redirect_uri: 'http://evil.example/' }).toString();
    const refused = await b.go(evil.href);
    expect(refused.res.status).toBe(400);
    expect(refused.location).toBeUndefined();

    const logout = new URL(`${idp.issuer}/session/end`);
    logout.search = new URLSearchParams({
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: POST_LOGOUT_URI,
      state: 'bye',
    }).toString();
    const confirm = await b.go(logout.href);
    expect(confirm.res.status).toBe(200);
    expect(confirm.body).toContain('>Sign out</button>');
    expect(confirm.body).not.toMatch(/<script/i);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(confirm.body)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)?.[1];
    expect(action && xsrf).toBeTruthy();
    const done = await b.go(new URL(action!, idp.issuer).href, { form: { xsrf: xsrf!, logout: 'yes' }, origin: idp.issuer });
    expect(done.res.status).toBe(303);
    expect(done.location?.href).toBe(`${POST_LOGOUT_URI}?state=bye`);

    // Signing out revoked the grant: the refresh token is dead and the next request asks for a password.
    await expect(
      refreshIdToken({ issuer: idp.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, refreshToken: tokens.refresh_token }),
    ).rejects.toMatchObject({ code: 'token_error', message: expect.stringContaining('invalid_grant') });
    const afterLogout = await b.go(authorizationUrl(idp).url);
    expect(afterLogout.location?.pathname).toMatch(/^\/interaction\/[\w-]+$/);
  });

  it('ID token lifetime follows idTokenTtlSeconds', async () => {
    const short = await startOidcIdp({ clients: clients(), people: DEMO_PEOPLE, idTokenTtlSeconds: 120 });
    try {
      const tokens = await getIdToken(tokenOpts(short, 'alice'));
      const claims = await verify(short, tokens.idToken);
      expect(claims.exp! - claims.iat!).toBe(120);
      expect(tokens.expiresIn).toBe(120);
    } finally {
      await short.close();
    }
  });

  it('getIdToken explains an unreachable IdP', async () => {
    const gone = await startOidcIdp({ clients: clients(), people: DEMO_PEOPLE });
    const issuer = gone.issuer;
    await gone.close();
    const err: unknown = await getIdToken({ ...tokenOpts(gone, 'alice'), issuer }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IdpSignInError);
    expect(err).toMatchObject({ code: 'unreachable' });
  });
});

describe('sandbox OIDC IdP with a state file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyport-oidc-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps signing keys and group edits across a restart, so earlier tokens still verify', async () => {
    const statePath = join(dir, 'nested', 'oidc-state.json');
    const first = await startOidcIdp({ clients: clients(), people: DEMO_PEOPLE, statePath });
    const port = Number(new URL(first.url).port);
    let idToken: string;
    try {
      idToken = (await getIdToken(tokenOpts(first, 'alice'))).idToken;
      first.setGroups('noah', ['engineering']);
    } finally {
      await first.close();
    }
    expect(statSync(statePath).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(statePath, 'utf8')) as { groups: unknown };
    expect(saved.groups).toEqual({ noah: ['engineering'] });

    const second = await startOidcIdp({ clients: clients(), people: DEMO_PEOPLE, statePath, port });
    try {
      expect(second.issuer).toBe(first.issuer);
      const claims = await verify(second, idToken);
      expect(claims.preferred_username).toBe('alice');
      expect(second.people().find((p) => p.username === 'noah')?.groups).toEqual(['engineering']);
      const noah = await verify(second, (await getIdToken(tokenOpts(second, 'noah'))).idToken);
      expect(noah.groups).toEqual(['engineering']);
    } finally {
      await second.close();
    }
  });

  it('without a state file, a restart brings new keys and old tokens no longer verify', async () => {
    const first = await startOidcIdp({ clients: clients(), people: DEMO_PEOPLE });
    const port = Number(new URL(first.url).port);
    let idToken: string;
    try {
      idToken = (await getIdToken(tokenOpts(first, 'alice'))).idToken;
    } finally {
      await first.close();
    }
    const second = await startOidcIdp({ clients: clients(), people: DEMO_PEOPLE, port });
    try {
      await expect(verify(second, idToken)).rejects.toThrow();
    } finally {
      await second.close();
    }
  });

  it('refuses an unreadable state file with a clear message', async () => {
    const statePath = join(dir, 'broken.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(statePath, '{"version":1}');
    await expect(startOidcIdp({ clients: clients(), people: DEMO_PEOPLE, statePath })).rejects.toThrow(
      /not in the expected shape.*delete it/,
    );
  });
});
