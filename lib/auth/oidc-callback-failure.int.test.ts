// OIDC callback failures as next-auth reports them, produced for real: openid-client (the library
// next-auth's callback uses) against the sandbox OIDC IdP (oidc-provider), each error wrapped in
// next-auth's own OAuthCallbackError exactly as its callback route does. Each is read to the step
// that failed, with the IdP's `error` and `error_description`, and explained in words.
import { createRequire } from 'node:module';
import path from 'node:path';
import { Issuer } from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIdToken } from '@/sandbox/oidc/get-id-token';
import { startOidcIdp, type OidcIdp } from '@/sandbox/oidc/idp';
import { DEMO_PEOPLE } from '@/sandbox/people';
import { freePort } from '@/test/free-port';
import { classifyOidcCallbackFailure, explainOidcCallbackFailure } from './oidc-callback-failure';

// next-auth does not export its error classes; this is the very module its callback route uses.
const { OAuthCallbackError } = createRequire(import.meta.url)(path.resolve('node_modules/next-auth/core/errors.js')) as { OAuthCallbackError: new (e: Error) => Error };

const client = { clientId: 'keyport', clientSecret: 'callback-test', redirectUris: ['http://localhost/cb'] };
let idp: OidcIdp;

beforeAll(async () => {
  idp = await startOidcIdp({ clients: [client], people: DEMO_PEOPLE });
});
afterAll(async () => idp?.close());

/** What next-auth's callback route logs for a failure inside its OAuth callback. */
async function asNextAuthLogs(run: () => Promise<unknown>) {
  const e = await run().then(
    () => new Error('expected a failure'),
    (err: unknown) => err,
  );
  return classifyOidcCallbackFailure('OAUTH_CALLBACK_ERROR', { error: new OAuthCallbackError(e as Error), providerId: 'oidc' });
}

describe('OIDC callback failures, step by step', () => {
  it('token endpoint: a wrong client secret is invalid_client, with the IdP\'s description', async () => {
    const issuer = await Issuer.discover(idp.issuer);
    const c = new issuer.Client({ client_id: client.clientId, client_secret: 'wrong', redirect_uris: client.redirectUris });
    const f = await asNextAuthLogs(() => c.callback(client.redirectUris[0], { code: 'abc', state: 's', iss: idp.issuer }, { state: 's', code_verifier: 'v'.repeat(43) }));
    expect(f).toMatchObject({ step: 'token_endpoint', error: 'invalid_client' });
    expect(f?.errorDescription).toBeTruthy();
    expect(explainOidcCallbackFailure(f?.step ?? 'unknown', f?.error ?? null)).toMatch(/did not accept Keyport's client id or secret/);
  });

  it('token endpoint: an unknown code is invalid_grant', async () => {
    const issuer = await Issuer.discover(idp.issuer);
    const c = new issuer.Client({ client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: client.redirectUris });
    const f = await asNextAuthLogs(() => c.callback(client.redirectUris[0], { code: 'not-a-code', state: 's', iss: idp.issuer }, { state: 's', code_verifier: 'v'.repeat(43) }));
    expect(f).toMatchObject({ step: 'token_endpoint', error: 'invalid_grant' });
    expect(explainOidcCallbackFailure('token_endpoint', 'invalid_grant')).toMatch(/refused the sign-in code/);
  });

  it('discovery: a wrong issuer answers 404', async () => {
    const f = await asNextAuthLogs(() => Issuer.discover(`${idp.issuer}/no-such-tenant`));
    expect(f?.step).toBe('discovery');
    expect(f?.errorDescription).toMatch(/404/);
    expect(explainOidcCallbackFailure('discovery', f?.error ?? null)).toMatch(/OIDC_ISSUER is wrong/);
  });

  it('network: an IdP nobody listens for', async () => {
    const port = await freePort();
    const f = await asNextAuthLogs(() => Issuer.discover(`http://127.0.0.1:${port}`));
    expect(f).toMatchObject({ step: 'network', error: 'ECONNREFUSED' });
  });

  it('ID-token validation: a genuine token for another client (aud), without the token in what is kept', async () => {
    const person = DEMO_PEOPLE.find((p) => p.username === 'alice');
    const t = await getIdToken({ issuer: idp.issuer, clientId: client.clientId, clientSecret: client.clientSecret, redirectUri: client.redirectUris[0] ?? '', username: 'alice', password: person?.password ?? '' });
    const issuer = await Issuer.discover(idp.issuer);
    const other = new issuer.Client({ client_id: 'someone-else', client_secret: 'x', redirect_uris: client.redirectUris });
    // The implicit-style callback validates the ID token it is given, as Core 3.1.3.7 says.
    const f = await asNextAuthLogs(() => other.callback(client.redirectUris[0], { id_token: t.idToken, state: 's' }, { state: 's', nonce: 'n', response_type: 'id_token' }));
    expect(f?.step).toBe('id_token_validation');
    expect(f?.errorDescription).toMatch(/aud/);
    expect(JSON.stringify(f)).not.toContain(t.idToken.split('.')[1] ?? '');
  });

  it('checks: a state that does not match this browser\'s', async () => {
    const issuer = await Issuer.discover(idp.issuer);
    const c = new issuer.Client({ client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: client.redirectUris });
    const f = await asNextAuthLogs(() => c.callback(client.redirectUris[0], { code: 'abc', state: 'forged' }, { state: 'mine' }));
    expect(f?.step).toBe('checks');
  });

  it('authorization: the IdP redirected back with an error', () => {
    const f = classifyOidcCallbackFailure('OAUTH_CALLBACK_HANDLER_ERROR', { error: new Error('access_denied'), error_description: 'User is not assigned to the client application.', providerId: 'oidc' });
    expect(f).toEqual({ step: 'authorization', error: 'access_denied', errorDescription: 'User is not assigned to the client application.' });
    expect(explainOidcCallbackFailure('authorization', 'access_denied')).toMatch(/assign you the Keyport application/);
  });
});
