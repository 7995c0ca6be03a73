// Against the real Glewlwyd 2.7 (Debian's package, started on a free loopback port): its refresh
// response carries no new ID token, which OpenID Connect Core 1.0 12.2 allows, and refreshIdToken
// reports exactly that (not a refusal). Glewlwyd keeps the refresh token (refresh-token-rolling
// extends its life instead of issuing a new one), so the same one keeps working.
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { createRemoteJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGlewlwyd, type Glewlwyd } from '@/test/third-party/glewlwyd';
import { freePort } from '@/test/free-port';
import { refreshIdToken } from './refresh-id-token';

const person = { username: 'rory', password: 'rory-glewlwyd', name: 'Rory Refresh', email: 'rory@example.com', groups: ['tp-refresh'] };
const portal = 'http://localhost:3999';
let g: Glewlwyd;

beforeAll(async () => {
  g = await startGlewlwyd({ port: await freePort(), dataDir: path.resolve(`.data/test/glewlwyd-${process.pid}`), portalUrl: portal, people: [person], log: () => undefined });
});
afterAll(async () => {
  await g?.close();
  rmSync(path.resolve(`.data/test/glewlwyd-${process.pid}`), { recursive: true, force: true });
});

/** The authorization code flow with PKCE, as a browser would run it against Glewlwyd's API. */
async function signIn(): Promise<{ idToken: string; refreshToken: string }> {
  const login = await fetch(`${g.url}/api/auth/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: person.username, password: person.password }) });
  expect(login.status).toBe(200);
  const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = `${portal}/api/auth/callback/oidc`;
  const auth = new URL(`${g.issuer}/auth`);
  for (const [k, v] of Object.entries({ response_type: 'code', client_id: g.clientId, redirect_uri: redirectUri, scope: 'openid', state: 's', nonce: 'n', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', g_continue: '' })) auth.searchParams.set(k, v);
  const res = await fetch(auth, { headers: { cookie }, redirect: 'manual' });
  const code = new URL(res.headers.get('location') ?? 'http://x/').searchParams.get('code');
  expect(code).toBeTruthy();
  const token = await fetch(`${g.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${g.clientId}:${g.clientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: code ?? '', redirect_uri: redirectUri, code_verifier: verifier }),
  });
  const body = (await token.json()) as { id_token?: string; refresh_token?: string };
  expect(body.id_token).toBeTruthy();
  expect(body.refresh_token).toBeTruthy();
  return { idToken: body.id_token ?? '', refreshToken: body.refresh_token ?? '' };
}

describe('refreshIdToken against Glewlwyd', () => {
  it('reports a refresh answered without an ID token as such, and the refresh token keeps working', async () => {
    const first = await signIn();
    const sub = JSON.parse(Buffer.from(first.idToken.split('.')[1] ?? '', 'base64url').toString()).sub as string;
    const refresh = () =>
      refreshIdToken({
        tokenEndpoint: `${g.issuer}/token`,
        issuer: g.issuer,
        jwks: createRemoteJWKSet(new URL(`${g.issuer}/jwks`)),
        clientId: g.clientId,
        clientSecret: g.clientSecret,
        refreshToken: first.refreshToken,
        groupsClaim: 'groups',
        expectedSub: sub,
      });
    expect(await refresh()).toEqual({ kind: 'no_id_token', refreshToken: null });
    expect(await refresh()).toEqual({ kind: 'no_id_token', refreshToken: null });
  });

  it('reports Glewlwyd\'s refusal of a wrong client secret with its error code', async () => {
    const first = await signIn();
    const out = await refreshIdToken({
      tokenEndpoint: `${g.issuer}/token`,
      issuer: g.issuer,
      jwks: createRemoteJWKSet(new URL(`${g.issuer}/jwks`)),
      clientId: g.clientId,
      clientSecret: 'wrong-secret',
      refreshToken: first.refreshToken,
      groupsClaim: 'groups',
      expectedSub: 'x',
    });
    expect(out.kind).toBe('refused');
  });
});
