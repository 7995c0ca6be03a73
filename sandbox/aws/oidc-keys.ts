// Verification keys of OIDC issuers, fetched like STS does: `<iss>/.well-known/openid-configuration`,
// then its `jwks_uri`. Discovery documents are cached briefly; key sets are jose remote JWK sets
// (cached, refetched when an unknown `kid` shows up).
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

export class IdpUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdpUnreachableError';
  }
}

export interface OidcKeyResolver {
  /** The key set for an issuer; throws IdpUnreachableError when discovery fails. */
  keySet(issuer: string): Promise<JWTVerifyGetKey>;
}

export interface OidcKeyResolverOptions {
  timeoutMs?: number;
  discoveryTtlMs?: number;
}

export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

export function createOidcKeyResolver(opts: OidcKeyResolverOptions = {}): OidcKeyResolver {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const ttlMs = opts.discoveryTtlMs ?? 5 * 60 * 1000;
  const discovery = new Map<string, { jwksUri: string; fetchedAt: number }>();
  const keySets = new Map<string, JWTVerifyGetKey>();

  async function jwksUriOf(issuer: string): Promise<string> {
    const cached = discovery.get(issuer);
    if (cached !== undefined && Date.now() - cached.fetchedAt < ttlMs) return cached.jwksUri;
    let body: unknown;
    try {
      const res = await fetch(discoveryUrl(issuer), { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
      if (!res.ok) throw new IdpUnreachableError(`discovery answered HTTP ${res.status}`);
      body = await res.json();
    } catch (e) {
      if (e instanceof IdpUnreachableError) throw e;
      throw new IdpUnreachableError(`discovery failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    const jwksUri = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['jwks_uri'] : undefined;
    if (typeof jwksUri !== 'string' || !/^https?:\/\//.test(jwksUri)) {
      throw new IdpUnreachableError('discovery document has no usable jwks_uri');
    }
    discovery.set(issuer, { jwksUri, fetchedAt: Date.now() });
    return jwksUri;
  }

  return {
    async keySet(issuer: string): Promise<JWTVerifyGetKey> {
      const jwksUri = await jwksUriOf(issuer);
      let set = keySets.get(jwksUri);
      if (set === undefined) {
        set = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: timeoutMs, cooldownDuration: 5_000, cacheMaxAge: 10 * 60 * 1000 });
        keySets.set(jwksUri, set);
      }
      return set;
    },
  };
}
