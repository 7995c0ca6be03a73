// Renews an ID token with a refresh token at the IdP's token endpoint (OpenID Connect Core 1.0,
// section 12) and verifies the new one (signature against the JWKS, issuer, audience, same
// subject). The outcome says what the IdP did, so the caller can act and log it truthfully:
//   renewed     a new, verified ID token;
//   no_id_token the IdP answered 200 without an ID token — Core 12.2: the refresh response
//               "might not contain an id_token" (Glewlwyd does this); the session goes on, with
//               the refresh token it may have rotated;
//   refused     the IdP answered an error (RFC 6749 5.2: `error`, `error_description`);
//   invalid     the new ID token failed verification, or names another subject.
import { jwtVerify, type JWTVerifyGetKey } from 'jose';
import { identityFromClaims, type GroupPaths, type IdentityClaims } from './claims';
import { cleanIdpText, safeErrorCode } from './oidc-callback-failure';

export interface RefreshedIdentity {
  idToken: string;
  refreshToken: string | null;
  identity: IdentityClaims & { expiresAt: Date };
}

export type RefreshOutcome =
  | ({ kind: 'renewed' } & RefreshedIdentity)
  | { kind: 'no_id_token'; refreshToken: string | null }
  | { kind: 'refused'; status: number; error: string | null; errorDescription: string | null }
  | { kind: 'invalid'; reason: string };

export async function refreshIdToken(opts: {
  tokenEndpoint: string;
  issuer: string;
  jwks: JWTVerifyGetKey;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  groupsClaim: string;
  groupPaths?: GroupPaths;
  expectedSub: string;
}): Promise<RefreshOutcome> {
  const basic = Buffer.from(`${encodeURIComponent(opts.clientId)}:${encodeURIComponent(opts.clientSecret)}`).toString('base64');
  const res = await fetch(opts.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: opts.refreshToken }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json().catch(() => ({}))) as { id_token?: unknown; refresh_token?: unknown; error?: unknown; error_description?: unknown };
  if (!res.ok) {
    return { kind: 'refused', status: res.status, error: safeErrorCode(body.error), errorDescription: cleanIdpText(body.error_description) };
  }
  const refreshToken = typeof body.refresh_token === 'string' && body.refresh_token !== '' ? body.refresh_token : null;
  if (typeof body.id_token !== 'string' || body.id_token === '') return { kind: 'no_id_token', refreshToken };
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(body.id_token, opts.jwks, { issuer: opts.issuer, audience: opts.clientId }));
  } catch (e) {
    return { kind: 'invalid', reason: e instanceof Error ? e.message : 'verification failed' };
  }
  const identity = identityFromClaims(payload, opts.groupsClaim, { groupPaths: opts.groupPaths ?? 'exact' });
  if (identity.sub !== opts.expectedSub) return { kind: 'invalid', reason: 'the renewed ID token names another subject' };
  if (!identity.expiresAt) return { kind: 'invalid', reason: 'the renewed ID token has no exp' };
  return { kind: 'renewed', idToken: body.id_token, refreshToken, identity: { ...identity, expiresAt: identity.expiresAt } };
}
