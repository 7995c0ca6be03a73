import { describe, expect, it } from 'vitest';
import { describeFederationMode, resolveFederationMode } from './resolve-federation-mode';

describe('resolveFederationMode', () => {
  it("uses the mapping's override", () => {
    expect(resolveFederationMode('passthrough', 'broker')).toBe('passthrough');
    expect(resolveFederationMode('broker', 'passthrough')).toBe('broker');
  });
  it("falls back to the deployment's mode", () => {
    expect(resolveFederationMode(null, 'broker')).toBe('broker');
    expect(resolveFederationMode(undefined, 'passthrough')).toBe('passthrough');
  });
  it('takes SAML broker as a per-mapping mode', () => {
    expect(resolveFederationMode('broker-saml', 'passthrough')).toBe('broker-saml');
    expect(describeFederationMode('broker-saml')).toMatch(/SAML provider/);
  });
  it('ignores a value that is no mode (the database CHECK forbids it; never widen to a default silently)', () => {
    expect(resolveFederationMode('both', 'passthrough')).toBe('passthrough');
  });
  it('describes what AWS trusts', () => {
    expect(describeFederationMode('broker')).toMatch(/only tokens minted for the role/);
    expect(describeFederationMode('passthrough')).toMatch(/AWS trusts the IdP/);
  });
});
