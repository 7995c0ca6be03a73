// Pure: what AWS must trust for the deployment's federation mode — shown by /api/ready and the
// admin pages, so operators can check their IAM setup against it.
import type { BrokerConfig, FederationMode } from '@/lib/config/schema';
import { issuerHostPath } from '@/lib/mappings/trust-policy';

export interface FederationSummary {
  mode: FederationMode;
  /** In broker mode: the IAM OIDC provider AWS must have (URL and client id / audience). */
  awsMustTrust: { kind: 'keyport-oidc-provider'; providerUrl: string; iamProviderName: string; audience: string } | { kind: 'idp'; oidcIssuer: string | null; oidcClientId: string | null; saml: boolean };
  perMappingOverride: true;
}

export function federationSummary(opts: { mode: FederationMode; broker: BrokerConfig; oidcIssuer: string | null; oidcClientId: string | null; saml: boolean }): FederationSummary {
  return {
    mode: opts.mode,
    awsMustTrust:
      opts.mode === 'broker'
        ? { kind: 'keyport-oidc-provider', providerUrl: opts.broker.issuerUrl, iamProviderName: issuerHostPath(opts.broker.issuerUrl), audience: opts.broker.audience }
        : { kind: 'idp', oidcIssuer: opts.oidcIssuer, oidcClientId: opts.oidcClientId, saml: opts.saml },
    perMappingOverride: true,
  };
}
