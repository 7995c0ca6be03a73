import 'server-only';
// The IdP's discovery document and JWKS, fetched once per process and cached.
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

export interface Discovery {
  issuer: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
}

const cache = new Map<string, { discovery: Discovery; jwks: JWTVerifyGetKey }>();

export async function discover(issuer: string): Promise<{ discovery: Discovery; jwks: JWTVerifyGetKey }> {
  const hit = cache.get(issuer);
  if (hit) return hit;
  const res = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`discovery failed with HTTP ${res.status}`);
  const discovery = (await res.json()) as Discovery;
  const entry = { discovery, jwks: createRemoteJWKSet(new URL(discovery.jwks_uri)) };
  cache.set(issuer, entry);
  return entry;
}
