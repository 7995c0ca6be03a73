// An IdP that answers a refresh without a new ID token (OpenID Connect Core 1.0, 12.2 allows it;
// Glewlwyd 2.7 does it): the Keyport session goes on, the rotated refresh token is kept, and the
// person is asked to sign in again only when an ID token is needed (passthrough issuance) and the
// one held has expired, with a message that says why. The IdP here answers its discovery and
// token endpoint on loopback with a refresh response like Glewlwyd 2.7's (access_token,
// token_type, expires_in; no id_token — refresh-id-token-glewlwyd.int.test.ts shows the real
// Glewlwyd doing so) plus a rotated refresh_token, as IdPs that rotate send; the session store
// and the database are the real ones.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { AppError } from '@/lib/errors/app-error';

let server: Server;
let issuer = '';
const refreshes: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` }));
      return;
    }
    if (req.url === '/jwks') return void res.end(JSON.stringify({ keys: [] }));
    if (req.url === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        refreshes.push(form.get('refresh_token') ?? '');
        res.end(JSON.stringify({ access_token: 'new-access-token', token_type: 'bearer', expires_in: 3600, refresh_token: 'rotated-refresh-token' }));
      });
      return;
    }
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  vi.stubEnv('KEYPORT_SANDBOX', '1');
  vi.stubEnv('DATABASE_URL', inject('databaseUrl'));
  vi.stubEnv('AUTH_SECRET', 'refresh-without-id-token-secret-0123456789');
  vi.stubEnv('OIDC_ISSUER', issuer);
  vi.stubEnv('OIDC_CLIENT_ID', 'keyport');
  vi.stubEnv('OIDC_CLIENT_SECRET', 'glewlwyd-client-secret');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function session(idTokenExpiresAt: Date) {
  const { createSession, loadActor } = await import('./session-store');
  const sid = await createSession({ sub: `glew-${Math.random()}`, idpKind: 'OIDC', email: 'erin@example.com', emailVerified: true, name: 'Erin', username: 'erin', groups: ['engineering'], idToken: 'held-id-token', refreshToken: 'first-refresh-token', idTokenExpiresAt });
  const actor = await loadActor(sid);
  if (!actor) throw new Error('no session');
  return actor;
}

describe('refresh answered without a new ID token', () => {
  it('keeps the session, keeps the rotated refresh token, and asks for a sign-in saying why when the held ID token has expired', async () => {
    const { webIdentityToken, NO_NEW_ID_TOKEN_MESSAGE } = await import('./web-identity-token');
    const { loadActor, loadSessionTokens } = await import('./session-store');
    const actor = await session(new Date(Date.now() - 60_000));
    const e = await webIdentityToken(actor).then(
      () => new Error('expected a sign-in request'),
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('unauthenticated');
    expect((e as AppError).message).toBe(NO_NEW_ID_TOKEN_MESSAGE);
    expect((e as AppError).message).toMatch(/without a new ID token/);
    expect((e as AppError).extra.detail).toEqual({ reauth: true, reason: 'no_new_id_token' });
    expect(refreshes.at(-1)).toBe('first-refresh-token');
    // The Keyport session continues: the person is still signed in.
    expect(await loadActor(actor.sessionId)).toMatchObject({ sessionId: actor.sessionId, groups: ['engineering'] });
    expect((await loadSessionTokens(actor.sessionId)).refreshToken).toBe('rotated-refresh-token');
  });

  it('asks nothing of the IdP while the held ID token is still valid', async () => {
    const { webIdentityToken } = await import('./web-identity-token');
    const actor = await session(new Date(Date.now() + 30 * 60_000));
    const before = refreshes.length;
    expect(await webIdentityToken(actor)).toBe('held-id-token');
    expect(refreshes.length).toBe(before);
  });
});
