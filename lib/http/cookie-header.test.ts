import { describe, expect, it } from 'vitest';
import { cookieHeader, expiredCookieHeader } from './cookie-header';

const attrs = (line: string) => line.split(';').slice(1).map((a) => a.trim().toLowerCase());

describe('cookieHeader / expiredCookieHeader', () => {
  it('deletes a __Host- cookie with Secure and Path=/ (else the browser keeps it)', () => {
    const line = expiredCookieHeader('__Host-keyport.saml-result', { secure: true });
    expect(line.startsWith('__Host-keyport.saml-result=;')).toBe(true);
    expect(attrs(line)).toEqual(expect.arrayContaining(['secure', 'path=/', 'httponly', 'max-age=0', 'expires=thu, 01 jan 1970 00:00:00 gmt']));
    expect(attrs(line).some((a) => a.startsWith('domain='))).toBe(false);
  });

  it('never writes a prefixed cookie without Secure, even if asked to', () => {
    expect(attrs(expiredCookieHeader('__Host-keyport.session', { secure: false }))).toContain('secure');
    expect(attrs(cookieHeader('__Secure-x', 'v', { secure: false, maxAge: 5 }))).toContain('secure');
  });

  it('sets and deletes with the same attributes', () => {
    const set = attrs(cookieHeader('__Host-keyport.saml-login', 'n', { secure: true, maxAge: 600 }));
    const del = attrs(expiredCookieHeader('__Host-keyport.saml-login', { secure: true }));
    for (const a of ['path=/', 'httponly', 'samesite=lax', 'secure']) {
      expect(set).toContain(a);
      expect(del).toContain(a);
    }
  });

  it('a plain-HTTP cookie (sandbox over http) is not Secure', () => {
    expect(attrs(cookieHeader('keyport.session', 'v', { secure: false, maxAge: 60 }))).not.toContain('secure');
  });
});
