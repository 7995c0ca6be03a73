// Mints the web identity token Keyport hands AWS for one issuance (broker mode): signed with the
// current broker key, valid for at most 5 minutes, for one role and one person, with the session
// tags and SourceIdentity AWS reads from it. The token exists only in memory: the caller passes it
// to STS and drops it.
// Claims AWS checks (STS API Reference, AssumeRoleWithWebIdentity; IAM User Guide "Create an OIDC
// identity provider"): `iss` (the provider's URL), `aud` (a client id of the provider), `sub`,
// `exp`, `iat`; the JWS header's `kid` selects the key from the issuer's JWKS.
import { randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type CryptoKey, type KeyObject } from 'jose';
import { MAX_TOKEN_LIFETIME_SECONDS, type BrokerKey } from './key-set';
import { SOURCE_IDENTITY_CLAIM, sessionTagClaim, TAGS_CLAIM, type SessionTags } from './session-tags';

// Keyed by the key's private JWK object, never by kid: a kid is only a label, and a key set
// re-read from its file gives new objects, so a replaced key can never sign under an old import.
const imported = new WeakMap<object, Promise<CryptoKey | KeyObject | Uint8Array>>();

function signingKey(key: BrokerKey): Promise<CryptoKey | KeyObject | Uint8Array> {
  let k = imported.get(key.privateJwk);
  if (k === undefined) {
    k = importJWK(key.privateJwk, key.alg);
    imported.set(key.privateJwk, k);
  }
  return k;
}

export interface MintInput {
  key: BrokerKey;
  issuer: string;
  audience: string;
  subject: string;
  tags: SessionTags;
  sourceIdentity: string;
  now: Date;
  lifetimeSeconds?: number;
}

export async function mintWebIdentityToken(input: MintInput): Promise<string> {
  const lifetime = Math.min(input.lifetimeSeconds ?? MAX_TOKEN_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS);
  const iat = Math.floor(input.now.getTime() / 1000);
  return new SignJWT({ [TAGS_CLAIM]: sessionTagClaim(input.tags), [SOURCE_IDENTITY_CLAIM]: input.sourceIdentity })
    .setProtectedHeader({ alg: input.key.alg, kid: input.key.kid, typ: 'JWT' })
    .setIssuer(input.issuer)
    .setAudience(input.audience)
    .setSubject(input.subject)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + lifetime)
    .setJti(randomUUID())
    .sign(await signingKey(input.key));
}
