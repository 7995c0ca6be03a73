// Pure: which federation mode an issuance uses — the mapping's override, else the deployment's
// FEDERATION_MODE — and what that mode makes AWS trust, in words for admins.
import type { FederationMode } from '@/lib/config/schema';

/** A mapping's mode: the deployment's two, or SAML broker (a per-mapping choice: its role trusts Keyport's SAML provider). */
export type MappingFederationMode = FederationMode | 'broker-saml';

export function resolveFederationMode(mappingOverride: string | null | undefined, deploymentMode: FederationMode): MappingFederationMode {
  if (mappingOverride === 'broker' || mappingOverride === 'passthrough' || mappingOverride === 'broker-saml') return mappingOverride;
  return deploymentMode;
}

export function describeFederationMode(mode: MappingFederationMode): string {
  if (mode === 'broker-saml') return 'broker (SAML): Keyport signs its own SAML assertion for each issuance, naming this one role, with session tags and SourceIdentity; AWS trusts Keyport’s SAML provider';
  return mode === 'broker'
    ? 'broker: Keyport mints a short-lived token for each issuance, for that one role, with session tags and SourceIdentity; AWS trusts Keyport’s OIDC provider and only tokens minted for the role'
    : 'passthrough: the person’s own IdP ID token (or the IdP’s SAML assertion) goes to AWS; AWS trusts the IdP, and only Keyport keeps people to their mappings';
}
