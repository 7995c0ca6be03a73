import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './safe-return-path';

const ORIGIN = 'https://keyport.example.com';
const check = (v: unknown) => safeReturnPath(v, ORIGIN);

describe('safeReturnPath', () => {
  it.each([
    // Known open-redirect bypasses, each a way browsers or servers read another host into a path.
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\/evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    '/%09/evil.example',
    '/%0a/evil.example',
    '/%0d/evil.example',
    '/%00/evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '/\u0000/evil.example',
    ' //evil.example',
    '/%5Cevil.example',
    '/%5cevil.example',
    '/%5C%5Cevil.example',
    '/%255Cevil.example',
    '/%25255Cevil.example',
    '/%2F/evil.example',
    '/%2f/evil.example',
    '/%2F%2Fevil.example',
    '%2F%2Fevil.example',
    '/.//evil.example',
    '/./\\evil.example',
    '/..//evil.example',
    '/a/..//evil.example',
    '/%2e%2e//evil.example',
    '/%2E//evil.example',
    '/.%2F/evil.example',
    'https:evil.example',
    'https:/evil.example',
    'http:evil.example',
    'HTTPS://evil.example/',
    'https://evil.example/',
    'https://keyport.example.com.evil.example/',
    'https://keyport.example.com@evil.example/',
    'https://user:pass@keyport.example.com/',
    'http://keyport.example.com/',
    'https://keyport.example.com//evil.example',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    '%6A%61%76%61%73%63%72%69%70%74:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/\u2028/evil.example',
    '/\u00a0/evil.example',
    '/%E2%80%A8/evil.example',
    '/%ZZ',
    'evil.example',
    'roles',
    '',
    `/${'a'.repeat(2048)}`,
  ])('refuses %j', (v) => {
    expect(check(v)).toBe('/');
  });

  it.each([null, undefined, 42, {}, ['/roles'], true])('refuses a non-string %j', (v) => {
    expect(check(v)).toBe('/');
  });

  it('uses the given fallback', () => {
    expect(safeReturnPath('//evil.example', ORIGIN, '/signin')).toBe('/signin');
  });

  it.each([
    ['/', '/'],
    ['/roles/8d0c6f0e-9d7c-4a5e-8a43-0d3f3f0a1b2c', '/roles/8d0c6f0e-9d7c-4a5e-8a43-0d3f3f0a1b2c'],
    ['/audit?person=rita%40example.com&type=ISSUE_DENIED', '/audit?person=rita%40example.com&type=ISSUE_DENIED'],
    ['/history#latest', '/history#latest'],
    ['/roles/a/../b', '/roles/b'],
    ['https://keyport.example.com/admin/mappings', '/admin/mappings'],
    ['HTTPS://KEYPORT.EXAMPLE.COM/audit', '/audit'],
    ['/search?q=%E6%97%A5%E6%9C%AC', '/search?q=%E6%97%A5%E6%9C%AC'],
  ])('accepts %j as %j', (v, expected) => {
    expect(check(v)).toBe(expected);
  });

  it('never returns anything a browser would read as another host', () => {
    const pieces = ['/', '\\', '%2F', '%5C', '%09', '.', '..', 'evil.example', '%252F', ':', '@', '?', '#'];
    for (const a of pieces) for (const b of pieces) for (const c of pieces) {
      const out = check(`/${a}${b}${c}`);
      expect(out.startsWith('/')).toBe(true);
      expect(out.startsWith('//')).toBe(false);
      expect(new URL(out, ORIGIN).origin).toBe(ORIGIN);
      expect(out).not.toMatch(/\\/);
    }
  });
});
