// Pure: which federation mode an issuance uses — the mapping's override, else the deployment's
// FEDERATION_MODE — and what that mode makes AWS trust, in words for admins.
import type { FederationMode } from '@/lib/config/schema';

export function resolveFederationMode(mappingOverride: string | null | undefined, deploymentMode: FederationMode): FederationMode {
  if (mappingOverride === 'broker' || mappingOverride === 'passthrough') return mappingOverride;
  return deploymentMode;
}

export function describeFederationMode(mode: FederationMode): string {
  return mode === 'broker'
    ? 'broker: Keyport mints a short-lived token for each issuance, for that one role, with session tags and SourceIdentity; AWS trusts Keyport’s OIDC provider and only tokens minted for the role'
    : 'passthrough: the person’s own IdP ID token (or the IdP’s SAML assertion) goes to AWS; AWS trusts the IdP, and only Keyport keeps people to their mappings';
}
