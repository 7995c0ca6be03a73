import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  deriveRoleSessionName,
  ROLE_SESSION_NAME_PATTERN,
  RoleSessionNameError,
} from './derive-role-session-name';

const sha12 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 12);
const SUB = '00u1abcd2EFGH3ijk4x7';

describe('deriveRoleSessionName', () => {
  describe('choice of claim', () => {
    it('prefers the email', () => {
      expect(deriveRoleSessionName({ email: 'alice@example.com', preferredUsername: 'alice', sub: SUB })).toBe(
        'alice@example.com',
      );
    });

    it('falls back to preferred_username, then sub', () => {
      expect(deriveRoleSessionName({ email: null, preferredUsername: 'alice.smith', sub: SUB })).toBe('alice.smith');
      expect(deriveRoleSessionName({ preferredUsername: '', sub: SUB })).toBe(SUB);
      expect(deriveRoleSessionName({ email: '   ', preferredUsername: undefined, sub: SUB })).toBe(SUB);
    });

    it('skips a claim that leaves fewer than 2 characters', () => {
      expect(deriveRoleSessionName({ email: '日本', preferredUsername: 'bob', sub: SUB })).toBe('bob');
      expect(deriveRoleSessionName({ email: 'x', preferredUsername: '!', sub: SUB })).toBe(SUB);
    });

    it('uses user-<sha256(sub)> when nothing is usable', () => {
      expect(deriveRoleSessionName({ email: '', preferredUsername: '', sub: '7' })).toBe(`user-${sha12('7')}`);
      expect(deriveRoleSessionName({ email: '🙂', preferredUsername: '李', sub: '名' })).toBe(`user-${sha12('名')}`);
      expect(deriveRoleSessionName({ sub: '|' })).toBe(`user-${sha12('|')}`);
    });

    it('throws when there is no subject at all', () => {
      expect(() => deriveRoleSessionName({ email: 'alice@example.com', sub: '' })).toThrow(RoleSessionNameError);
      expect(() => deriveRoleSessionName({ email: 'alice@example.com', sub: '' })).toThrow(/no subject/);
    });
  });

  describe('names that are already valid stay exactly as they are (lowercased)', () => {
    it.each([
      ['alice@example.com', 'alice@example.com'],
      ['Alice.Smith@Example.COM', 'alice.smith@example.com'],
      ['alice+aws@example.com', 'alice+aws@example.com'],
      ['first_last=x,y@example.co.uk', 'first_last=x,y@example.co.uk'],
      ['o-brien@example.com', 'o-brien@example.com'],
    ])('%s → %s', (email, expected) => {
      expect(deriveRoleSessionName({ email, sub: SUB })).toBe(expected);
    });

    it('keeps the case of sub, which is case-sensitive', () => {
      expect(deriveRoleSessionName({ sub: 'AbC123xYz' })).toBe('AbC123xYz');
    });

    it('is the same for the same person whatever case the IdP sends', () => {
      const a = deriveRoleSessionName({ email: 'Alice@Example.com', sub: SUB });
      const b = deriveRoleSessionName({ email: 'alice@example.com', sub: SUB });
      expect(a).toBe(b);
      const c = deriveRoleSessionName({ preferredUsername: 'Jane Doe', sub: SUB });
      const d = deriveRoleSessionName({ preferredUsername: 'jane doe', sub: SUB });
      expect(c).toBe(d);
    });
  });

  describe('lossy inputs are sanitised and get a stable hash suffix', () => {
    it.each([
      ['a/b', `a-b-${sha12('a/b')}`],
      ['a b', `a-b-${sha12('a b')}`],
      ['Jane Doe', `jane-doe-${sha12('jane doe')}`],
      ['a//b', `a-b-${sha12('a//b')}`],
      ['  bob  ', `bob-${sha12('  bob  ')}`],
      ['-dash-', `dash-${sha12('-dash-')}`],
      ['a--b', `a-b-${sha12('a--b')}`],
    ])('username %j → %j', (preferredUsername, expected) => {
      expect(deriveRoleSessionName({ preferredUsername, sub: SUB })).toBe(expected);
    });

    it('transliterates accents and replaces other non-ASCII with -', () => {
      expect(deriveRoleSessionName({ email: 'José@example.com', sub: SUB })).toBe(
        `jose@example.com-${sha12('josé@example.com'.normalize('NFC'))}`,
      );
      expect(deriveRoleSessionName({ email: 'ÿves@example.com', sub: SUB })).toMatch(/^yves@example\.com-[0-9a-f]{12}$/);
      expect(deriveRoleSessionName({ preferredUsername: 'zoë 😀 ø', sub: SUB })).toMatch(/^zoe-[0-9a-f]{12}$/);
      expect(deriveRoleSessionName({ preferredUsername: 'ａｌｉｃｅ', sub: SUB })).toMatch(/^alice-[0-9a-f]{12}$/);
    });

    it('treats composed and decomposed forms of the same name as the same person', () => {
      const composed = deriveRoleSessionName({ email: 'jos\u00e9@example.com', sub: SUB });
      const decomposed = deriveRoleSessionName({ email: 'jose\u0301@example.com', sub: SUB });
      expect(composed).toBe(decomposed);
    });

    it('keeps people apart whose names sanitise alike', () => {
      const names = [
        deriveRoleSessionName({ email: 'jose@example.com', sub: '1' }),
        deriveRoleSessionName({ email: 'josé@example.com', sub: '2' }),
        deriveRoleSessionName({ email: 'jos\u00e8@example.com', sub: '3' }),
        deriveRoleSessionName({ preferredUsername: 'a b', sub: '4' }),
        deriveRoleSessionName({ preferredUsername: 'a/b', sub: '5' }),
        deriveRoleSessionName({ preferredUsername: 'a-b', sub: '6' }),
        // The Kelvin sign lowercases to an ASCII k; it must not pass as kate@example.com.
        deriveRoleSessionName({ email: '\u212Aate@example.com', sub: '7' }),
        deriveRoleSessionName({ email: 'kate@example.com', sub: '8' }),
        // Fullwidth letters normalise to ASCII but must not impersonate the ASCII name.
        deriveRoleSessionName({ preferredUsername: 'ａｄｍｉｎ', sub: '9' }),
        deriveRoleSessionName({ preferredUsername: 'admin', sub: '10' }),
      ];
      expect(new Set(names).size).toBe(names.length);
    });

    it('is deterministic', () => {
      const input = { email: 'Zoë O’Brien <zoe@example.com>', preferredUsername: 'zoe', sub: SUB };
      expect(deriveRoleSessionName(input)).toBe(deriveRoleSessionName({ ...input }));
    });
  });

  describe('length', () => {
    it('keeps a 64-character name as is', () => {
      const email = `${'a'.repeat(52)}@example.com`;
      expect(email).toHaveLength(64);
      expect(deriveRoleSessionName({ email, sub: SUB })).toBe(email);
    });

    it('cuts longer names to 64 with a hash so shared prefixes do not collide', () => {
      const one = `${'a'.repeat(60)}.one@example.com`;
      const two = `${'a'.repeat(60)}.two@example.com`;
      const a = deriveRoleSessionName({ email: one, sub: SUB });
      const b = deriveRoleSessionName({ email: two, sub: SUB });
      expect(a).toHaveLength(64);
      expect(b).toHaveLength(64);
      expect(a).not.toBe(b);
      expect(a).toBe(`${'a'.repeat(51)}-${sha12(one)}`);
    });

    it('does not leave a dangling - before the suffix', () => {
      const name = deriveRoleSessionName({ preferredUsername: `${'a'.repeat(50)} ${'b'.repeat(30)}`, sub: SUB });
      expect(name).not.toMatch(/--/);
      expect(name.length).toBeLessThanOrEqual(64);
    });
  });

  describe('injection attempts', () => {
    it.each([
      'a/b',
      'a b',
      '../../etc/passwd',
      'alice@example.com\nadmin',
      'alice"; DROP TABLE audit; --',
      '$(whoami)@example.com',
      '`id`',
      '<script>alert(1)</script>',
      'arn:aws:iam::123456789012:role/Admin',
      '%0d%0aSet-Cookie:x',
      'a\u0000b',
      '\u202Eevil',
      'x'.repeat(10_000),
    ])('%j yields only STS-legal characters', (claim) => {
      for (const input of [
        { email: claim, sub: SUB },
        { preferredUsername: claim, sub: SUB },
        { sub: claim },
      ]) {
        const name = deriveRoleSessionName(input);
        expect(name).toMatch(ROLE_SESSION_NAME_PATTERN);
      }
    });
  });

  it('always satisfies the STS RoleSessionName constraints for assorted input', () => {
    const samples = ['', ' ', '-', '--', 'é', 'éé', 'ab', 'a', '@@', '..', '😀😀😀', 'Ω≈ç√∫', 'a'.repeat(65), 'ß'];
    for (const email of samples) {
      for (const preferredUsername of samples) {
        for (const sub of ['s', 'sub-1', '|', 'é']) {
          expect(deriveRoleSessionName({ email, preferredUsername, sub })).toMatch(ROLE_SESSION_NAME_PATTERN);
        }
      }
    }
  });
});
