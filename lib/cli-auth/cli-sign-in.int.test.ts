// The CLI's sign-in against the real database: authorization codes (once, with their PKCE
// verifier and redirect URI), device authorizations (pending, slow_down, approve, consumed),
// refresh rotation (a replayed refresh token revokes the sign-in), and every way a sign-in ends —
// logout, the Your devices page, a person revocation (in its own transaction), the browser session
// ending. Each test makes its own person and session.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Db } from '@/lib/db/create-client';
import { s256Challenge } from './pkce';
import type { CliTokenSet, OAuthError } from './token-response';

const context = { requestId: 'req-cli', sourceIp: '203.0.113.7', userAgent: 'keyport-cli/test' };
const verifier = 'v'.repeat(43);
const redirectUri = 'http://127.0.0.1:53682/callback';
let db: Db;

beforeAll(async () => {
  vi.stubEnv('KEYPORT_SANDBOX', '1');
  vi.stubEnv('DATABASE_URL', inject('databaseUrl'));
  vi.stubEnv('AUTH_SECRET', 'cli-sign-in-int-test-secret-0123456789abcdef');
  // Any IdP: these tests never sign in through it.
  vi.stubEnv('OIDC_ISSUER', 'http://127.0.0.1:9/oidc');
  vi.stubEnv('OIDC_CLIENT_ID', 'keyport');
  vi.stubEnv('OIDC_CLIENT_SECRET', 'unused-client-secret');
  const { getDb } = await import('@/lib/db/client');
  db = getDb();
});
afterAll(() => {
  vi.unstubAllEnvs();
});

async function person(): Promise<Actor> {
  const { createSession, loadActor } = await import('@/lib/auth/session-store');
  const tag = randomUUID().slice(0, 8);
  const sid = await createSession({ sub: `cli-${tag}`, idpKind: 'OIDC', email: `cli-${tag}@example.com`, emailVerified: true, name: `CLI ${tag}`, username: `cli-${tag}`, groups: ['engineering'], idToken: null, refreshToken: null, idTokenExpiresAt: null });
  const actor = await loadActor(sid);
  if (!actor) throw new Error('no session');
  return actor;
}

const isTokens = (r: CliTokenSet | OAuthError): r is CliTokenSet => 'access_token' in r;

async function codeFor(actor: Actor, challenge = s256Challenge(verifier)): Promise<string> {
  const { answerAuthorizationRequest } = await import('./approve-authorization-request');
  const { redirectTo } = await answerAuthorizationRequest({ db, actor, request: { redirectUri, codeChallenge: challenge, state: 's'.repeat(20), clientName: 'test' }, approve: true, context });
  const back = new URL(redirectTo);
  expect(back.origin + back.pathname).toBe(redirectUri);
  expect(back.searchParams.get('state')).toBe('s'.repeat(20));
  return back.searchParams.get('code') ?? '';
}

async function signedIn(actor: Actor): Promise<CliTokenSet> {
  const { redeemAuthorizationCode } = await import('./redeem-authorization-code');
  const r = await redeemAuthorizationCode({ db, code: await codeFor(actor), codeVerifier: verifier, redirectUri, context });
  if (!isTokens(r)) throw new Error(r.error_description);
  return r;
}

describe('authorization code with PKCE', () => {
  it('gives tokens once; the bearer resolves to the same person as the browser session; CLI_LOGIN is audited with channel cli', async () => {
    const actor = await person();
    const tokens = await signedIn(actor);
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.expires_in).toBeLessThanOrEqual(600);
    const { authenticateBearer } = await import('./authenticate-bearer');
    const who = await authenticateBearer(tokens.access_token);
    expect(who.ok && who.actor).toEqual(actor);
    const stored = await db.cliToken.findFirstOrThrow({ where: { userSub: actor.sub } });
    expect(JSON.stringify(stored)).not.toContain(tokens.access_token);
    expect(JSON.stringify(stored)).not.toContain(tokens.refresh_token);
    // The sign-in ends with the session that approved it.
    const session = await db.session.findUniqueOrThrow({ where: { id: actor.sessionId } });
    expect(stored.refreshExpiresAt.getTime()).toBe(session.expiresAt.getTime());
    const [event] = await db.auditEvent.findMany({ where: { actorSub: actor.sub, type: 'CLI_LOGIN' } });
    expect(event?.details).toMatchObject({ channel: 'cli', grantType: 'authorization_code', cliTokenId: stored.id });
    expect(JSON.stringify(event?.details)).not.toContain(tokens.refresh_token);
  });

  it('refuses a second redemption, a wrong verifier (and the code is spent), another redirect URI, a code nobody approved', async () => {
    const { redeemAuthorizationCode } = await import('./redeem-authorization-code');
    const actor = await person();
    const code = await codeFor(actor);
    expect(await redeemAuthorizationCode({ db, code, codeVerifier: 'w'.repeat(43), redirectUri, context })).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('PKCE') });
    expect(await redeemAuthorizationCode({ db, code, codeVerifier: verifier, redirectUri, context })).toMatchObject({ error: 'invalid_grant' });
    const code2 = await codeFor(actor);
    expect(await redeemAuthorizationCode({ db, code: code2, codeVerifier: verifier, redirectUri: 'http://127.0.0.1:1/callback', context })).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('redirect URI') });
    expect(await redeemAuthorizationCode({ db, code: `kpc_${'A'.repeat(43)}`, codeVerifier: verifier, redirectUri, context })).toMatchObject({ error: 'invalid_grant' });
    expect(await redeemAuthorizationCode({ db, code: 'garbage', codeVerifier: verifier, redirectUri, context })).toMatchObject({ error: 'invalid_grant' });
    const code3 = await codeFor(actor);
    const ok = await redeemAuthorizationCode({ db, code: code3, codeVerifier: verifier, redirectUri, context });
    expect(isTokens(ok)).toBe(true);
    expect(await redeemAuthorizationCode({ db, code: code3, codeVerifier: verifier, redirectUri, context })).toMatchObject({ error: 'invalid_grant' });
  });

  it('a declined request sends access_denied back and is audited', async () => {
    const { answerAuthorizationRequest } = await import('./approve-authorization-request');
    const actor = await person();
    const { redirectTo } = await answerAuthorizationRequest({ db, actor, request: { redirectUri, codeChallenge: s256Challenge(verifier), state: 's'.repeat(20), clientName: 'test' }, approve: false, context });
    expect(new URL(redirectTo).searchParams.get('error')).toBe('access_denied');
    expect(new URL(redirectTo).searchParams.get('code')).toBeNull();
    expect(await db.auditEvent.count({ where: { actorSub: actor.sub, type: 'CLI_LOGIN_DENIED' } })).toBe(1);
  });
});

describe('refresh', () => {
  it('rotates both tokens; the old access and refresh tokens stop working; a replayed refresh token revokes the sign-in', async () => {
    const { refreshCliToken } = await import('./refresh-cli-token');
    const { authenticateBearer } = await import('./authenticate-bearer');
    const actor = await person();
    const first = await signedIn(actor);
    const second = await refreshCliToken({ db, refreshToken: first.refresh_token, context });
    if (!isTokens(second)) throw new Error(second.error_description);
    expect(second.access_token).not.toBe(first.access_token);
    expect(await authenticateBearer(first.access_token)).toEqual({ ok: false, refusal: 'unknown' });
    expect((await authenticateBearer(second.access_token)).ok).toBe(true);
    expect(await db.auditEvent.count({ where: { actorSub: actor.sub, type: 'CLI_TOKEN_REFRESHED' } })).toBe(1);
    // The first refresh token again: someone holds a copy. The whole sign-in ends.
    expect(await refreshCliToken({ db, refreshToken: first.refresh_token, context })).toMatchObject({ error: 'invalid_grant', keyport_reason: 'refresh_reuse' });
    expect(await authenticateBearer(second.access_token)).toEqual({ ok: false, refusal: 'refresh_reuse' });
    expect(await refreshCliToken({ db, refreshToken: second.refresh_token, context })).toMatchObject({ error: 'invalid_grant', keyport_reason: 'refresh_reuse' });
  });

  it('refuses an unknown or malformed refresh token', async () => {
    const { refreshCliToken } = await import('./refresh-cli-token');
    expect(await refreshCliToken({ db, refreshToken: `kpr_${'B'.repeat(43)}`, context })).toMatchObject({ error: 'invalid_grant', keyport_reason: 'unknown' });
    expect(await refreshCliToken({ db, refreshToken: 'kpa_x', context })).toMatchObject({ error: 'invalid_grant', keyport_reason: 'unknown' });
  });

  it('an expired access token is refused as expired (the CLI then refreshes)', async () => {
    const { authenticateBearer } = await import('./authenticate-bearer');
    const actor = await person();
    const t = await signedIn(actor);
    expect(await authenticateBearer(t.access_token, new Date(Date.now() + 11 * 60_000))).toEqual({ ok: false, refusal: 'access_expired' });
  });
});

describe('device authorization (RFC 8628)', () => {
  it('pending, slow_down when polled too fast, approved through a typed code, then tokens once', async () => {
    const { startDeviceAuthorization } = await import('./start-device-authorization');
    const { pollDeviceAuthorization } = await import('./poll-device-authorization');
    const { findDeviceAuthorization } = await import('./find-device-authorization');
    const { decideDeviceAuthorization } = await import('./decide-device-authorization');
    const actor = await person();
    const d = await startDeviceAuthorization({ db, publicUrl: 'https://keyport.example.com', clientName: 'box', context });
    expect(d).toMatchObject({ verification_uri: 'https://keyport.example.com/cli/device', interval: 5, expires_in: 600 });
    expect(d).not.toHaveProperty('verification_uri_complete');
    const t0 = new Date();
    expect(await pollDeviceAuthorization({ db, deviceCode: d.device_code, context, now: t0 })).toMatchObject({ error: 'authorization_pending' });
    expect(await pollDeviceAuthorization({ db, deviceCode: d.device_code, context, now: new Date(t0.getTime() + 1000) })).toMatchObject({ error: 'slow_down', interval: 10 });
    const shown = await findDeviceAuthorization({ db, personSub: actor.sub, userCode: d.user_code.toLowerCase() });
    expect(shown).toMatchObject({ userCode: d.user_code, requesterIp: '203.0.113.7', requesterUserAgent: 'keyport-cli/test', clientName: 'box' });
    await decideDeviceAuthorization({ db, actor, userCode: d.user_code, approve: true, context });
    await expect(decideDeviceAuthorization({ db, actor, userCode: d.user_code, approve: true, context })).rejects.toMatchObject({ code: 'not_found' });
    const tokens = await pollDeviceAuthorization({ db, deviceCode: d.device_code, context, now: new Date(t0.getTime() + 20_000) });
    expect(isTokens(tokens)).toBe(true);
    expect(await pollDeviceAuthorization({ db, deviceCode: d.device_code, context, now: new Date(t0.getTime() + 40_000) })).toMatchObject({ error: 'invalid_grant' });
  });

  it('declined, expired, unknown', async () => {
    const { startDeviceAuthorization } = await import('./start-device-authorization');
    const { pollDeviceAuthorization } = await import('./poll-device-authorization');
    const { findDeviceAuthorization } = await import('./find-device-authorization');
    const { decideDeviceAuthorization } = await import('./decide-device-authorization');
    const actor = await person();
    const d = await startDeviceAuthorization({ db, publicUrl: 'https://k', clientName: 'box', context });
    await decideDeviceAuthorization({ db, actor, userCode: d.user_code, approve: false, context });
    expect(await pollDeviceAuthorization({ db, deviceCode: d.device_code, context })).toMatchObject({ error: 'access_denied' });
    expect(await db.auditEvent.count({ where: { actorSub: actor.sub, type: 'CLI_LOGIN_DENIED' } })).toBe(1);
    const late = await startDeviceAuthorization({ db, publicUrl: 'https://k', clientName: 'box', context });
    expect(await pollDeviceAuthorization({ db, deviceCode: late.device_code, context, now: new Date(Date.now() + 11 * 60_000) })).toMatchObject({ error: 'expired_token' });
    await expect(findDeviceAuthorization({ db, personSub: actor.sub, userCode: 'BCDF-GHJK', now: new Date() })).rejects.toMatchObject({ code: 'not_found' });
    await expect(findDeviceAuthorization({ db, personSub: actor.sub, userCode: 'nope' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await pollDeviceAuthorization({ db, deviceCode: `kpd_${'C'.repeat(43)}`, context })).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('a sign-in ends', () => {
  it('with logout, and on the Your devices page — only the person’s own', async () => {
    const { revokeCliToken } = await import('./revoke-cli-token');
    const { authenticateBearer } = await import('./authenticate-bearer');
    const { listCliTokens } = await import('./list-cli-tokens');
    const actor = await person();
    const other = await person();
    const t = await signedIn(actor);
    const [device] = await listCliTokens({ db, personSub: actor.sub });
    expect(device).toMatchObject({ active: true, createdIp: '203.0.113.7', grantType: 'authorization_code' });
    expect(await listCliTokens({ db, personSub: other.sub })).toEqual([]);
    await expect(revokeCliToken({ db, actor: other, tokenId: device?.id ?? '', reason: 'device_revoked', channel: 'web', context })).rejects.toMatchObject({ code: 'not_found' });
    expect((await authenticateBearer(t.access_token)).ok).toBe(true);
    await revokeCliToken({ db, actor, tokenId: device?.id ?? '', reason: 'device_revoked', channel: 'web', context });
    expect(await authenticateBearer(t.access_token)).toEqual({ ok: false, refusal: 'device_revoked' });
    expect((await listCliTokens({ db, personSub: actor.sub }))[0]).toMatchObject({ active: false, revokedReason: 'device_revoked' });
    const t2 = await signedIn(actor);
    const row = await db.cliToken.findFirstOrThrow({ where: { userSub: actor.sub, revokedAt: null } });
    await revokeCliToken({ db, actor, tokenId: row.id, reason: 'logout', channel: 'cli', context });
    expect(await authenticateBearer(t2.access_token)).toEqual({ ok: false, refusal: 'logout' });
  });

  it('with a person revocation, in its transaction', async () => {
    const { endPersonSessions } = await import('@/lib/revocation/end-person-sessions');
    const { authenticateBearer } = await import('./authenticate-bearer');
    const { refreshCliToken } = await import('./refresh-cli-token');
    const actor = await person();
    const bystander = await person();
    const t = await signedIn(actor);
    const b = await signedIn(bystander);
    const ended = await db.$transaction((tx) => endPersonSessions(tx, { sub: actor.sub, email: actor.email }, new Date()));
    expect(ended).toEqual({ sessionsEnded: 1, cliTokensRevoked: 1 });
    expect(await authenticateBearer(t.access_token)).toEqual({ ok: false, refusal: 'person_revoked' });
    expect(await refreshCliToken({ db, refreshToken: t.refresh_token, context })).toMatchObject({ error: 'invalid_grant', keyport_reason: 'person_revoked' });
    expect((await authenticateBearer(b.access_token)).ok).toBe(true);
  });

  it('with the browser session that approved it', async () => {
    const { endSession } = await import('@/lib/auth/session-store');
    const { authenticateBearer } = await import('./authenticate-bearer');
    const { refreshCliToken } = await import('./refresh-cli-token');
    const actor = await person();
    const t = await signedIn(actor);
    await endSession(actor.sessionId);
    expect(await authenticateBearer(t.access_token)).toEqual({ ok: false, refusal: 'session_ended' });
    expect(await refreshCliToken({ db, refreshToken: t.refresh_token, context })).toMatchObject({ error: 'invalid_grant', keyport_reason: 'session_ended' });
  });
});

describe('upkeep', () => {
  it('deletes sign-in requests an hour past their expiry and sign-ins ended over 30 days ago, nothing live', async () => {
    const { pruneCliAuthorizations } = await import('./prune-cli-authorizations');
    const { startDeviceAuthorization } = await import('./start-device-authorization');
    const actor = await person();
    await signedIn(actor);
    const d = await startDeviceAuthorization({ db, publicUrl: 'https://k', clientName: 'box', context });
    const liveCount = await db.cliToken.count({ where: { userSub: actor.sub } });
    await pruneCliAuthorizations({ db, now: new Date(Date.now() + 30 * 60_000) });
    expect(await db.cliAuthorization.count({ where: { clientName: 'box', createdAt: { gte: new Date(Date.now() - 60_000) } } })).toBeGreaterThan(0);
    await pruneCliAuthorizations({ db, now: new Date(Date.now() + 2 * 3600_000) });
    const { pollDeviceAuthorization } = await import('./poll-device-authorization');
    expect(await pollDeviceAuthorization({ db, deviceCode: d.device_code, context })).toMatchObject({ error: 'invalid_grant' });
    expect(await db.cliToken.count({ where: { userSub: actor.sub } })).toBe(liveCount);
  });
});

describe('the audit', () => {
  it('CLI events chain and verify like every other', async () => {
    const { verifyAuditChain } = await import('@/lib/audit/verify-audit-chain');
    await signedIn(await person());
    const result = await verifyAuditChain({ db });
    expect(result).toMatchObject({ ok: true });
  });
});
