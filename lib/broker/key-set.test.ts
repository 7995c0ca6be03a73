import { describe, expect, it } from 'vitest';
import { jwksOf, MAX_TOKEN_LIFETIME_SECONDS, publishedKeysAt, RETIREMENT_LEEWAY_SECONDS, rotateKeySet, signingKeyAt, type BrokerKey, type BrokerKeySet } from './key-set';

const T0 = new Date('2026-12-01T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const key = (kid: string): Omit<BrokerKey, 'signsFrom' | 'createdAt'> => ({ kid, alg: 'ES256', privateJwk: { kty: 'EC', d: `secret-${kid}` }, publicJwk: { kty: 'EC', x: kid } });
const kids = (keys: BrokerKey[]) => keys.map((k) => k.kid);

function twoKeys(): BrokerKeySet {
  const first = rotateKeySet({ keys: [] }, key('a'), T0, 0);
  return rotateKeySet(first, key('b'), at(1000), 600); // b signs from at(1600)
}

describe('broker key set', () => {
  it('a first key signs at once', () => {
    const set = rotateKeySet({ keys: [] }, key('a'), T0, 0);
    expect(signingKeyAt(set, T0)?.kid).toBe('a');
    expect(kids(publishedKeysAt(set, T0))).toEqual(['a']);
  });

  it('a new key is published before it signs', () => {
    const set = twoKeys();
    expect(signingKeyAt(set, at(1001))?.kid).toBe('a');
    expect(kids(publishedKeysAt(set, at(1001)))).toEqual(['a', 'b']);
    expect(signingKeyAt(set, at(1600))?.kid).toBe('b');
  });

  it('the old key stays published until every token it signed has expired', () => {
    const set = twoKeys();
    const retire = 1600 + MAX_TOKEN_LIFETIME_SECONDS + RETIREMENT_LEEWAY_SECONDS;
    expect(kids(publishedKeysAt(set, at(retire - 1)))).toEqual(['a', 'b']);
    expect(kids(publishedKeysAt(set, at(retire)))).toEqual(['b']);
  });

  it('a rotation drops keys past retirement from the set', () => {
    const set = twoKeys();
    const later = rotateKeySet(set, key('c'), at(5000), 600);
    expect(kids(later.keys)).toEqual(['b', 'c']);
  });

  it('refuses a second key that would sign at once, and a duplicate kid', () => {
    const set = rotateKeySet({ keys: [] }, key('a'), T0, 0);
    expect(() => rotateKeySet(set, key('b'), T0, 0)).toThrow(/published before it signs/);
    expect(() => rotateKeySet(set, key('a'), T0, 60)).toThrow(/already/);
  });

  it('publishes public halves only', () => {
    const jwks = jwksOf(twoKeys(), at(1001));
    expect(JSON.stringify(jwks)).not.toContain('secret-');
    expect(jwks.keys.map((k) => [k.kid, k.alg, k.use])).toEqual([
      ['a', 'ES256', 'sig'],
      ['b', 'ES256', 'sig'],
    ]);
  });

  it('no key signs before the first one starts', () => {
    const set = rotateKeySet({ keys: [] }, key('a'), T0, 0);
    expect(signingKeyAt(set, at(-1))).toBeUndefined();
  });
});
