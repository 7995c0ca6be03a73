// Mints the web identity token Keyport hands AWS for one issuance (broker mode): signed with the
// current broker key, valid for at most 5 minutes, for one role and one person, with the session
// tags and SourceIdentity AWS reads from it. The token exists only in memory: the caller passes it
// to STS and drops it.
// Claims AWS checks (STS API Reference, AssumeRoleWithWebIdentity; IAM User Guide "Create an OIDC
// identity provider"): `iss` (the provider's URL), `aud` (a client id of the provider), `sub`,
// `exp`, `iat`; the JWS header's `kid` selects the key from the issuer's JWKS.
// Signed with node:crypto in line (RFC 7515 compact JWS): jose 6 signs through WebCrypto, a
// promise-wrapped job per token, which cost 204 µs of CPU per ES256 token and 505 µs per RS256
// one against 30 and 325 µs for the same signature here (bench part 6; bench/FINDINGS.md). RS256 is
// RSASSA-PKCS1-v1_5 with SHA-256, ES256 ECDSA P-256 with SHA-256 and the signature as r‖s (RFC 7518
// §3.3, §3.4: ieee-p1363). broker-token.test.ts verifies the tokens with jose and with the JWKS.
import { createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { MAX_TOKEN_LIFETIME_SECONDS, type BrokerAlgorithm, type BrokerKey } from './key-set';
import { SOURCE_IDENTITY_CLAIM, sessionTagClaim, TAGS_CLAIM, type SessionTags } from './session-tags';

// Keyed by the key's private JWK object, never by kid: a kid is only a label, and a key set
// re-read from its file gives new objects, so a replaced key can never sign under an old import.
const imported = new WeakMap<object, KeyObject>();

function signingKey(key: BrokerKey): KeyObject {
  let k = imported.get(key.privateJwk);
  if (k === undefined) {
    k = createPrivateKey({ key: key.privateJwk as import('node:crypto').JsonWebKey, format: 'jwk' });
    imported.set(key.privateJwk, k);
  }
  return k;
}

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

function signature(alg: BrokerAlgorithm, input: string, key: KeyObject): string {
  const data = Buffer.from(input, 'ascii');
  const sig = alg === 'ES256' ? sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' }) : sign('sha256', data, key);
  return sig.toString('base64url');
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
  const key = signingKey(input.key);
  const header = { alg: input.key.alg, kid: input.key.kid, typ: 'JWT' };
  const claims = {
    [TAGS_CLAIM]: sessionTagClaim(input.tags),
    [SOURCE_IDENTITY_CLAIM]: input.sourceIdentity,
    iss: input.issuer,
    aud: input.audience,
    sub: input.subject,
    iat,
    nbf: iat,
    exp: iat + lifetime,
    jti: randomUUID(),
  };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${signingInput}.${signature(input.key.alg, signingInput, key)}`;
}
