import { describe, expect, it } from 'vitest';
import { groupsFromClaim, identityFromClaims } from './claims';

describe('claims', () => {
  it('reads groups from an array, a single string, and ignores other shapes', () => {
    expect(groupsFromClaim(['a', 'b', 'a', '', 7])).toEqual(['a', 'b']);
    expect(groupsFromClaim('solo')).toEqual(['solo']);
    expect(groupsFromClaim({ a: 1 })).toEqual([]);
    expect(groupsFromClaim(undefined)).toEqual([]);
  });

  it('NFC-normalises group names', () => {
    const decomposed = 'Cafe\u0301';
    expect(groupsFromClaim([decomposed])).toEqual(['Caf\u00e9']);
  });

  it('uses the configured claim name and requires sub', () => {
    const id = identityFromClaims({ sub: 's1', email: 'a@x', 'cognito:groups': ['g'], exp: 1_700_000_000 }, 'cognito:groups');
    expect(id).toMatchObject({ sub: 's1', email: 'a@x', groups: ['g'], username: null });
    expect(id.expiresAt?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(() => identityFromClaims({ email: 'a@x' }, 'groups')).toThrow(/sub/);
  });
});

describe('unverified email', () => {
  it('is not used to name the person', () => {
    expect(identityFromClaims({ sub: 's', email: 'x@y', email_verified: false }, 'groups').email).toBeNull();
    expect(identityFromClaims({ sub: 's', email: 'x@y', email_verified: true }, 'groups').email).toBe('x@y');
  });
});
