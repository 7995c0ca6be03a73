import { describe, expect, it } from 'vitest';
import { profileNameLeaks } from './profile-name-leaks';

const c = { accessKeyId: 'ASIAABCDEFGHIJKLMNOP', secretAccessKey: 'abcdefghij/klmnopqrstuvwxyz+ABCDEFGHIJKL', sessionToken: 'FwoGZXIvYXdzEBYaDH/token+with=padding==' };

describe('profileNameLeaks', () => {
  it('lets ordinary profile names through', () => {
    for (const n of ['sandbox-dev-DevDeveloper', 'default', 'prod', '123456789012:Admin']) expect(profileNameLeaks(n, c)).toBe(false);
  });
  it('catches a pasted secret, token or key id, whole or in part', () => {
    expect(profileNameLeaks(c.secretAccessKey, c)).toBe(true);
    expect(profileNameLeaks(`my-${c.secretAccessKey.slice(5, 25)}`, c)).toBe(true);
    expect(profileNameLeaks(c.sessionToken.slice(0, 20), c)).toBe(true);
    expect(profileNameLeaks(c.accessKeyId, c)).toBe(true);
  });
});
