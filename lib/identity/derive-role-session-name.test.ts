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
    it('uses the verified email', () => {
      expect(deriveRoleSessionName({ verifiedEmail: 'alice@example.com', sub: SUB })).toBe('alice@example.com');
    });

    it('falls back to sub, never to a name the person can edit', () => {
      expect(deriveRoleSessionName({ verifiedEmail: null, sub: SUB })).toBe(SUB);
      expect(deriveRoleSessionName({ verifiedEmail: '', sub: SUB })).toBe(SUB);
      expect(deriveRoleSessionName({ verifiedEmail: '   ', sub: SUB })).toBe(SUB);
      // preferred_username is not an input at all: an extra property is ignored.
      expect(deriveRoleSessionName({ sub: SUB, ...({ preferredUsername: 'admin' } as object) })).toBe(SUB);
    });

    it('skips a claim that leaves fewer than 2 characters', () => {
      expect(deriveRoleSessionName({ verifiedEmail: '日本', sub: SUB })).toBe(SUB);
      expect(deriveRoleSessionName({ verifiedEmail: 'x', sub: SUB })).toBe(SUB);
    });

    it('uses user-<sha256(sub)> when nothing is usable', () => {
      expect(deriveRoleSessionName({ verifiedEmail: '', sub: '7' })).toBe(`user-${sha12('7')}`);
      expect(deriveRoleSessionName({ verifiedEmail: '🙂', sub: '名' })).toBe(`user-${sha12('名')}`);
      expect(deriveRoleSessionName({ sub: '|' })).toBe(`user-${sha12('|')}`);
    });

    it('throws when there is no subject at all', () => {
      expect(() => deriveRoleSessionName({ verifiedEmail: 'alice@example.com', sub: '' })).toThrow(RoleSessionNameError);
      expect(() => deriveRoleSessionName({ verifiedEmail: 'alice@example.com', sub: '' })).toThrow(/no subject/);
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
      expect(deriveRoleSessionName({ verifiedEmail: email, sub: SUB })).toBe(expected);
    });

    it('keeps the case of sub, which is case-sensitive', () => {
      expect(deriveRoleSessionName({ sub: 'AbC123xYz' })).toBe('AbC123xYz');
    });

    it('is the same for the same person whatever case the IdP sends', () => {
      const a = deriveRoleSessionName({ verifiedEmail: 'Alice@Example.com', sub: SUB });
      const b = deriveRoleSessionName({ verifiedEmail: 'alice@example.com', sub: SUB });
      expect(a).toBe(b);
      const c = deriveRoleSessionName({ verifiedEmail: 'Jane Doe', sub: SUB });
      const d = deriveRoleSessionName({ verifiedEmail: 'jane doe', sub: SUB });
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
    ])('username %j → %j', (verifiedEmail, expected) => {
      expect(deriveRoleSessionName({ verifiedEmail, sub: SUB })).toBe(expected);
    });

    it('transliterates accents and replaces other non-ASCII with -', () => {
      expect(deriveRoleSessionName({ verifiedEmail: 'José@example.com', sub: SUB })).toBe(
        `jose@example.com-${sha12('josé@example.com'.normalize('NFC'))}`,
      );
      expect(deriveRoleSessionName({ verifiedEmail: 'ÿves@example.com', sub: SUB })).toMatch(/^yves@example\.com-[0-9a-f]{12}$/);
      expect(deriveRoleSessionName({ verifiedEmail: 'zoë 😀 ø', sub: SUB })).toMatch(/^zoe-[0-9a-f]{12}$/);
      expect(deriveRoleSessionName({ verifiedEmail: 'ａｌｉｃｅ', sub: SUB })).toMatch(/^alice-[0-9a-f]{12}$/);
    });

    it('treats composed and decomposed forms of the same name as the same person', () => {
      const composed = deriveRoleSessionName({ verifiedEmail: 'jos\u00e9@example.com', sub: SUB });
      const decomposed = deriveRoleSessionName({ verifiedEmail: 'jose\u0301@example.com', sub: SUB });
      expect(composed).toBe(decomposed);
    });

    it('keeps people apart whose names sanitise alike', () => {
      const names = [
        deriveRoleSessionName({ verifiedEmail: 'jose@example.com', sub: '1' }),
        deriveRoleSessionName({ verifiedEmail: 'josé@example.com', sub: '2' }),
        deriveRoleSessionName({ verifiedEmail: 'jos\u00e8@example.com', sub: '3' }),
        deriveRoleSessionName({ verifiedEmail: 'a b', sub: '4' }),
        deriveRoleSessionName({ verifiedEmail: 'a/b', sub: '5' }),
        deriveRoleSessionName({ verifiedEmail: 'a-b', sub: '6' }),
        // The Kelvin sign lowercases to an ASCII k; it must not pass as kate@example.com.
        deriveRoleSessionName({ verifiedEmail: '\u212Aate@example.com', sub: '7' }),
        deriveRoleSessionName({ verifiedEmail: 'kate@example.com', sub: '8' }),
        // Fullwidth letters normalise to ASCII but must not impersonate the ASCII name.
        deriveRoleSessionName({ verifiedEmail: 'ａｄｍｉｎ', sub: '9' }),
        deriveRoleSessionName({ verifiedEmail: 'admin', sub: '10' }),
      ];
      expect(new Set(names).size).toBe(names.length);
    });

    it('is deterministic', () => {
      const input = { verifiedEmail: 'Zoë O’Brien <zoe@example.com>', sub: SUB };
      expect(deriveRoleSessionName(input)).toBe(deriveRoleSessionName({ ...input }));
    });
  });

  describe('length', () => {
    it('keeps a 64-character name as is', () => {
      const email = `${'a'.repeat(52)}@example.com`;
      expect(email).toHaveLength(64);
      expect(deriveRoleSessionName({ verifiedEmail: email, sub: SUB })).toBe(email);
    });

    it('cuts longer names to 64 with a hash so shared prefixes do not collide', () => {
      const one = `${'a'.repeat(60)}.one@example.com`;
      const two = `${'a'.repeat(60)}.two@example.com`;
      const a = deriveRoleSessionName({ verifiedEmail: one, sub: SUB });
      const b = deriveRoleSessionName({ verifiedEmail: two, sub: SUB });
      expect(a).toHaveLength(64);
      expect(b).toHaveLength(64);
      expect(a).not.toBe(b);
      expect(a).toBe(`${'a'.repeat(51)}-${sha12(one)}`);
    });

    it('does not leave a dangling - before the suffix', () => {
      const name = deriveRoleSessionName({ verifiedEmail: `${'a'.repeat(50)} ${'b'.repeat(30)}`, sub: SUB });
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
        { verifiedEmail: claim, sub: SUB },
        { sub: claim },
      ]) {
        const name = deriveRoleSessionName(input);
        expect(name).toMatch(ROLE_SESSION_NAME_PATTERN);
      }
    });
  });

  it('always satisfies the STS RoleSessionName constraints for assorted input', () => {
    const samples = ['', ' ', '-', '--', 'é', 'éé', 'ab', 'a', '@@', '..', '😀😀😀', 'Ω≈ç√∫', 'a'.repeat(65), 'ß'];
    for (const verifiedEmail of samples) {
      for (const sub of ['s', 'sub-1', '|', 'é', ...samples.filter(Boolean)]) {
        expect(deriveRoleSessionName({ verifiedEmail, sub })).toMatch(ROLE_SESSION_NAME_PATTERN);
      }
    }
  });
});
