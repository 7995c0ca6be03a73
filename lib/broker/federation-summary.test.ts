import { describe, expect, it } from 'vitest';
import { federationSummary } from './federation-summary';

const broker = { issuerUrl: 'https://keyport.example.com/oidc', audience: 'sts.amazonaws.com', keys: null, saml: null };

describe('federationSummary', () => {
  it("names Keyport's provider in broker mode", () => {
    expect(federationSummary({ mode: 'broker', broker, oidcIssuer: 'https://idp', oidcClientId: 'k', saml: false }).awsMustTrust).toEqual({
      kind: 'keyport-oidc-provider',
      providerUrl: 'https://keyport.example.com/oidc',
      iamProviderName: 'keyport.example.com/oidc',
      audience: 'sts.amazonaws.com',
    });
  });
  it('names the IdP in passthrough mode, and never a key', () => {
    const s = federationSummary({ mode: 'passthrough', broker: { ...broker, keys: { kind: 'inline', text: 'PRIVATE' } }, oidcIssuer: 'https://idp', oidcClientId: 'k', saml: true });
    expect(s.awsMustTrust).toEqual({ kind: 'idp', oidcIssuer: 'https://idp', oidcClientId: 'k', saml: true });
    expect(JSON.stringify(s)).not.toContain('PRIVATE');
  });
});
