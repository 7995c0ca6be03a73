// Renews an ID token with a refresh token at the IdP's token endpoint and verifies the new one
// (signature against the JWKS, issuer, audience, same subject). Returns null when the IdP
// refuses; the caller then sends the person through sign-in again.
import { jwtVerify, type JWTVerifyGetKey } from 'jose';
import { identityFromClaims, type IdentityClaims } from './claims';

export interface RefreshedIdentity {
  idToken: string;
  refreshToken: string | null;
  identity: IdentityClaims & { expiresAt: Date };
}

export async function refreshIdToken(opts: {
  tokenEndpoint: string;
  issuer: string;
  jwks: JWTVerifyGetKey;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  groupsClaim: string;
  expectedSub: string;
}): Promise<RefreshedIdentity | null> {
  const basic = Buffer.from(`${encodeURIComponent(opts.clientId)}:${encodeURIComponent(opts.clientSecret)}`).toString('base64');
  const res = await fetch(opts.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: opts.refreshToken }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) return null;
  const body = (await res.json()) as { id_token?: string; refresh_token?: string };
  if (!body.id_token) return null;
  const { payload } = await jwtVerify(body.id_token, opts.jwks, { issuer: opts.issuer, audience: opts.clientId });
  const identity = identityFromClaims(payload as Record<string, unknown>, opts.groupsClaim);
  if (identity.sub !== opts.expectedSub || !identity.expiresAt) return null;
  return { idToken: body.id_token, refreshToken: body.refresh_token ?? null, identity: { ...identity, expiresAt: identity.expiresAt } };
}
