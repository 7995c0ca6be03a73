import { describe, expect, it } from 'vitest';
import { isValidProfileName } from './profile-name-problem';
import { sanitizeProfileName } from './sanitize-profile-name';

describe('sanitizeProfileName', () => {
  it.each([
    ['Admin Role', 'Admin-Role'],
    ['  prod  account ', 'prod-account'],
    ['[prod]', 'prod'],
    ['dev]\n[default', 'dev-default'],
    ['Café Ops', 'Cafe-Ops'],
    ['--leading', 'leading'],
    ['123456789012:ReadOnly', '123456789012:ReadOnly'],
    ['', 'keyport'],
    ['   ', 'keyport'],
    ['日本語', 'keyport'],
    ['x'.repeat(80), 'x'.repeat(64)],
  ])('%j → %j', (raw, expected) => {
    expect(sanitizeProfileName(raw)).toBe(expected);
  });

  it('always yields a name the schema accepts', () => {
    for (const raw of ['a b c', ' ] [ ', '.x', '_', 'é'.repeat(70), `${'a'.repeat(63)} b`, '-', 'ok\u2028ok']) {
      expect(isValidProfileName(sanitizeProfileName(raw))).toBe(true);
    }
  });
});
