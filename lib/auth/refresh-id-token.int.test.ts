// ID-token renewal against the real sandbox OIDC IdP: a refreshed token verifies, carries the
// person's current groups, and a refresh for someone else's subject or a revoked token is refused.
import { createRemoteJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIdToken } from '@/sandbox/oidc/get-id-token';
import { startOidcIdp, type OidcIdp } from '@/sandbox/oidc/idp';
import { DEMO_PEOPLE } from '@/sandbox/people';
import { refreshIdToken } from './refresh-id-token';

const client = { clientId: 'keyport', clientSecret: 'refresh-test', redirectUris: ['http://localhost/cb'] };
let idp: OidcIdp;

beforeAll(async () => {
  idp = await startOidcIdp({ clients: [client], people: DEMO_PEOPLE.map((p) => ({ ...p, groups: [...p.groups] })), idTokenTtlSeconds: 120 });
});
afterAll(async () => idp?.close());

async function signIn() {
  return getIdToken({ issuer: idp.issuer, clientId: client.clientId, clientSecret: client.clientSecret, redirectUri: 'http://localhost/cb', username: 'erin', password: 'erin-sandbox' });
}

function opts(refreshToken: string, expectedSub: string) {
  return {
    tokenEndpoint: `${idp.issuer}/token`,
    issuer: idp.issuer,
    jwks: createRemoteJWKSet(new URL(`${idp.issuer}/jwks`)),
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    refreshToken,
    groupsClaim: 'groups',
    expectedSub,
  };
}

describe('refreshIdToken', () => {
  it('renews the ID token with the current groups', async () => {
    const first = await signIn();
    expect(first.refreshToken).toBeTruthy();
    const sub = JSON.parse(Buffer.from(first.idToken.split('.')[1] ?? '', 'base64url').toString()).sub as string;
    idp.setGroups('erin', ['engineering', 'newly-added']);
    const renewed = await refreshIdToken(opts(first.refreshToken ?? '', sub));
    if (renewed.kind !== 'renewed') throw new Error(`expected a renewal, got ${renewed.kind}`);
    expect(renewed.idToken).not.toBe(first.idToken);
    expect(renewed.identity.groups).toEqual(['engineering', 'newly-added']);
    expect(renewed.identity.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a token whose subject is not the session owner, and an unknown refresh token', async () => {
    const first = await signIn();
    expect(await refreshIdToken(opts(first.refreshToken ?? '', 'someone-else'))).toEqual({ kind: 'invalid', reason: 'the renewed ID token names another subject' });
    // The IdP's own error and description are kept for the log (RFC 6749 5.2).
    const refused = await refreshIdToken(opts('not-a-refresh-token', 'x'));
    expect(refused).toMatchObject({ kind: 'refused', status: 400, error: 'invalid_grant' });
    if (refused.kind === 'refused') expect(refused.errorDescription).toBeTruthy();
  });
});
