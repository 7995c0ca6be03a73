// Pure: the OpenID discovery document of Keyport's broker issuer (OpenID Connect Discovery 1.0
// §3). STS reads `issuer` and `jwks_uri` from `<issuer>/.well-known/openid-configuration`; the
// other members are the ones the spec marks REQUIRED, with the values true of this issuer (it
// signs tokens; it has no authorization endpoint a person could use).
import type { BrokerAlgorithm } from './key-set';

export function brokerJwksUri(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/jwks`;
}

export function brokerDiscoveryDocument(issuer: string, algorithms: readonly BrokerAlgorithm[]) {
  const base = issuer.replace(/\/+$/, '');
  return {
    issuer: base,
    jwks_uri: brokerJwksUri(base),
    // Required by Discovery §3; Keyport mints tokens only inside issuance, so nobody can use it.
    authorization_endpoint: `${base}/authorize`,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [...new Set(algorithms)].sort(),
    claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti', 'https://aws.amazon.com/tags', 'https://aws.amazon.com/source_identity'],
  };
}
