import { describe, expect, it } from 'vitest';
import { mustKeepIdpTokens } from './keeps-idp-tokens';

describe('mustKeepIdpTokens', () => {
  it('keeps them in passthrough mode', () => {
    expect(mustKeepIdpTokens({ deploymentMode: 'passthrough', passthroughMappings: false })).toBe(true);
  });
  it('keeps them in broker mode while a mapping is overridden to passthrough', () => {
    expect(mustKeepIdpTokens({ deploymentMode: 'broker', passthroughMappings: true })).toBe(true);
  });
  it('stores none in broker mode without passthrough mappings', () => {
    expect(mustKeepIdpTokens({ deploymentMode: 'broker', passthroughMappings: false })).toBe(false);
  });
});
