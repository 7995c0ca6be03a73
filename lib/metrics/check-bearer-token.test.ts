import { describe, expect, it } from 'vitest';
import { bearerTokenMatches } from './check-bearer-token';

const TOKEN = 'm3tr1cs-t0ken-for-the-scraper-0123456789';

describe('bearerTokenMatches', () => {
  it('accepts the configured token', () => {
    expect(bearerTokenMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
  });
  it('refuses no header, another scheme, another token, a prefix and an extension of it', () => {
    expect(bearerTokenMatches(null, TOKEN)).toBe(false);
    expect(bearerTokenMatches(`Basic ${TOKEN}`, TOKEN)).toBe(false);
    expect(bearerTokenMatches('Bearer someone-elses-token-0123456789abcdef', TOKEN)).toBe(false);
    expect(bearerTokenMatches(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe(false);
    expect(bearerTokenMatches(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
  });
  it('refuses a malformed header', () => {
    expect(bearerTokenMatches('Bearer', TOKEN)).toBe(false);
    expect(bearerTokenMatches(`Bearer  ${TOKEN}`, TOKEN)).toBe(false);
    expect(bearerTokenMatches(`bearer${TOKEN}`, TOKEN)).toBe(false);
    expect(bearerTokenMatches(`Bearer ${TOKEN} trailing`, TOKEN)).toBe(false);
  });
  it('refuses everything when no token is configured', () => {
    expect(bearerTokenMatches('Bearer ', '')).toBe(false);
  });
});
