import { describe, expect, it } from 'vitest';
import { bearerOf } from './bearer-of';
import { accessExpiry, ACCESS_TOKEN_SECONDS } from './cli-token-lifetimes';
import { loopbackRedirectProblem } from './loopback-redirect';
import { hashOpaqueToken, looksLikeOpaqueToken, newOpaqueToken } from './opaque-token';
import { pkceMatches, s256Challenge } from './pkce';
import { newUserCode, normalizeUserCode, USER_CODE_ALPHABET } from './user-code';


describe('loopback redirect URIs (RFC 8252 7.3, 8.3)', () => {
  it('accepts http on 127.0.0.1 or [::1] with a port and /callback', () => {
    expect(loopbackRedirectProblem('http://127.0.0.1:53682/callback')).toBeNull();
    expect(loopbackRedirectProblem('http://[::1]:8080/callback')).toBeNull();
  });
  it.each([
    ['https://127.0.0.1:1/callback', 'http://'],
    ['http://localhost:53682/callback', '127.0.0.1'],
    ['http://127.0.0.1.evil.example:53682/callback', '127.0.0.1'],
    ['http://evil.example/callback', '127.0.0.1'],
    ['http://127.0.0.1/callback', 'port'],
    ['http://u:p@127.0.0.1:1/callback', 'user info'],
    ['http://127.0.0.1:1/other', '/callback'],
    ['http://127.0.0.1:1/callback?x=1', 'query'],
    ['http://127.0.0.1:1/callback#f', 'fragment'],
    ['http://127.0.0.1:1/callback?', 'query'],
    ['javascript:alert(1)', 'http://'],
    ['not a url', 'URL'],
  ])('refuses %s', (uri, why) => {
    expect(loopbackRedirectProblem(uri)).toContain(why);
  });
});

describe('PKCE S256 (RFC 7636)', () => {
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  it('matches the RFC 7636 appendix B example', () => {
    expect(s256Challenge(verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(pkceMatches(verifier, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).toBe(true);
  });
  it('refuses another verifier, a short one, or a plain challenge', () => {
    expect(pkceMatches(`${verifier.slice(0, -1)}Y`, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).toBe(false);
    expect(pkceMatches('short', s256Challenge('short'))).toBe(false);
    expect(pkceMatches(verifier, verifier)).toBe(false);
    expect(pkceMatches(verifier, '')).toBe(false);
  });
});

describe('user codes (RFC 8628 6.1)', () => {
  it('are 8 consonants as XXXX-XXXX', () => {
    for (let i = 0; i < 50; i++) {
      const c = newUserCode();
      expect(c).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
      for (const ch of c.replace('-', '')) expect(USER_CODE_ALPHABET).toContain(ch);
    }
  });
  it('forgive case, spaces and dashes, and refuse anything else', () => {
    expect(normalizeUserCode('bcdf ghjk')).toBe('BCDF-GHJK');
    expect(normalizeUserCode('BCDFGHJK')).toBe('BCDF-GHJK');
    for (const bad of ['', 'BCDF-GHJ', 'BCDF-GHJKL', 'AEIO-UBCD', 'BCDF-GHJ0', 'BCDF_GHJK']) expect(normalizeUserCode(bad), bad).toBeNull();
  });
});

describe('opaque tokens', () => {
  it('carry their kind and 256 random bits; only the hash is kept', () => {
    const t = newOpaqueToken('kpa');
    expect(looksLikeOpaqueToken(t, 'kpa')).toBe(true);
    expect(looksLikeOpaqueToken(t, 'kpr')).toBe(false);
    expect(newOpaqueToken('kpa')).not.toBe(t);
    expect(hashOpaqueToken(t)).not.toContain(t.slice(4));
    expect(hashOpaqueToken(t)).toHaveLength(43);
    expect(looksLikeOpaqueToken(`${t}x`, 'kpa')).toBe(false);
    expect(looksLikeOpaqueToken(t.replace(/.$/, '!'), 'kpa')).toBe(false);
  });
});

describe('bearer header (RFC 6750 2.1)', () => {
  it('takes the token of a Bearer header only', () => {
    expect(bearerOf('Bearer kpa_abc')).toBe('kpa_abc');
    expect(bearerOf('bearer kpa_abc')).toBe('kpa_abc');
    expect(bearerOf('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerOf('Bearer')).toBeNull();
    expect(bearerOf('Bearer a b')).toBeNull();
    expect(bearerOf(null)).toBeNull();
  });
});

describe('lifetimes', () => {
  it('an access token never outlives its session', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(accessExpiry(now, new Date('2026-12-02T00:00:00Z')).getTime() - now.getTime()).toBe(ACCESS_TOKEN_SECONDS * 1000);
    expect(accessExpiry(now, new Date('2026-12-01T12:01:00Z')).toISOString()).toBe('2026-12-01T12:01:00.000Z');
  });
});
