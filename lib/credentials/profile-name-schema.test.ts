import { describe, expect, it } from 'vitest';
import { isValidProfileName, profileNameSchema } from './profile-name-schema';

describe('profileNameSchema', () => {
  it.each(['default', 'dev', 'keyport-123456789012-Admin', 'a', '9lives', 'org/acct:role', 'x'.repeat(64)])(
    'accepts %j',
    (name) => {
      expect(profileNameSchema.parse(name)).toBe(name);
      expect(isValidProfileName(name)).toBe(true);
    },
  );

  it.each([
    '',
    ' ',
    'a]',
    'a[b',
    'a\nb',
    'a\rb',
    'a\u2028b',
    '\tdev',
    'dev\t',
    'a b',
    '.hidden',
    '_x',
    'dev#comment',
    'dev;x',
    'dev=x]',
    'café',
    'x'.repeat(65),
  ])('rejects %j', (name) => {
    expect(profileNameSchema.safeParse(name).success).toBe(false);
    expect(isValidProfileName(name)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(profileNameSchema.safeParse(undefined).success).toBe(false);
    expect(profileNameSchema.safeParse(42).success).toBe(false);
  });

  it('reports the most specific problem first', () => {
    const first = (name: string) => profileNameSchema.safeParse(name).error?.issues[0]?.message;
    expect(first('a]\nb')).toBe('Profile name must be on a single line');
    expect(first(' a]')).toBe('Profile name must not start or end with spaces');
    expect(first('a]')).toBe('Profile name must not contain "[" or "]"');
  });
});
