// The one place an OIDC-channel issuance picks its federation mode: the mapping's override, else
// the deployment's FEDERATION_MODE (lib/config). The SAML channel (a fresh IdP assertion posted to
// Keyport) is SAML passthrough: issue-credentials-with-saml.ts.
import type { Actor } from '@/lib/auth/actor';
import type { Federation, IssuableMapping } from '../issuance-types';
import type { IssueDeps } from '../issue-credentials';
import { oidcBrokerFederation } from './oidc-broker';
import { oidcPassthroughFederation } from './oidc-passthrough';
import { samlBrokerFederation } from './saml-broker';
import { resolveFederationMode } from './resolve-federation-mode';

export function federationFor(mapping: IssuableMapping, actor: Actor, deps: IssueDeps): Federation {
  const mode = resolveFederationMode(mapping.federationMode, deps.federationMode ?? 'passthrough');
  if (mode === 'broker-saml') return samlBrokerFederation(actor, deps);
  return mode === 'broker' ? oidcBrokerFederation(actor, deps, deps.broker) : oidcPassthroughFederation(actor, deps);
}
