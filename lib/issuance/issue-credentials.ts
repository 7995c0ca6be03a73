// Issuance on the OIDC channel (POST /api/credentials, console sign-in): the shared pipeline
// (run-issuance.ts) with the federation mode the mapping resolves to (modes/federation-for.ts):
// OIDC broker (Keyport's own token for this role), SAML broker (Keyport's own assertion for this
// role) or OIDC passthrough (the IdP's ID token). SAML passthrough is issue-credentials-with-saml.ts.
import type { Actor } from '@/lib/auth/actor';
import type { BrokerKeySet } from '@/lib/broker/key-set';
import type { FederationMode } from '@/lib/config/schema';
import type { StsFailure, StsSuccess } from '@/lib/sts/assume-role-with-web-identity';
import type { IssueContext, IssuedCredentials, IssueRequest, SharedIssueDeps } from './issuance-types';
import type { SamlIssueDeps } from './issue-credentials-with-saml';
import { federationFor } from './modes/federation-for';
import { runIssuance } from './run-issuance';

export { MIN_DURATION_SECONDS } from './check-request-bounds';
export type { Federation, IssuableMapping, IssueContext, IssuedCredentials, IssueRequest, SharedIssueDeps } from './issuance-types';
export { runIssuance } from './run-issuance';

/** Keyport as the OIDC issuer AWS trusts. */
export interface BrokerIssueDeps {
  issuer: string;
  audience: string;
  keys: () => Promise<BrokerKeySet>;
  /** The clock tokens are minted with (tests); default the real one. */
  now?: () => Date;
}

/** Keyport as the SAML IdP AWS trusts (mappings in 'broker-saml' mode). */
export interface BrokerSamlIssueDeps {
  entityId: string;
  key: () => Promise<{ privateKeyPem: string; certPem: string }>;
  now?: () => Date;
}

export interface IssueDeps extends SharedIssueDeps {
  brokerSaml?: BrokerSamlIssueDeps;
  assumeRoleWithSaml?: SamlIssueDeps['assumeRoleWithSaml'];
  /** The deployment's mode (default passthrough); a mapping may override it. */
  federationMode?: FederationMode;
  broker?: BrokerIssueDeps;
  issuer: string;
  clientId: string;
  webIdentityToken: () => Promise<string>;
  assumeRole: (opts: {
    endpoint: string;
    region: string;
    roleArn: string;
    roleSessionName: string;
    webIdentityToken: string;
    durationSeconds: number;
    sessionPolicy?: string | null;
    policyArns?: string[];
  }) => Promise<StsSuccess | StsFailure>;
}

export async function issueCredentials(opts: { actor: Actor; request: IssueRequest; context: IssueContext; deps: IssueDeps }): Promise<IssuedCredentials> {
  return runIssuance({ ...opts, chooseFederation: (m) => federationFor(m, opts.actor, opts.deps) });
}
