import { describe, expect, it } from 'vitest';

import { CookieJar } from './cookie-jar';

describe('CookieJar', () => {
  it('sends cookies by path, longest path first, and only to its origin', () => {
    const jar = new CookieJar('http://localhost:4001');
    jar.store('http://localhost:4001/auth', ['_session=s1; path=/; httponly; samesite=lax']);
    jar.store('http://localhost:4001/auth', ['_interaction=i1; path=/interaction/abc; httponly']);
    expect(jar.headerFor('http://localhost:4001/interaction/abc')).toBe('_interaction=i1; _session=s1');
    expect(jar.headerFor('http://localhost:4001/interaction/abc/login')).toBe('_interaction=i1; _session=s1');
    expect(jar.headerFor('http://localhost:4001/interaction/abcdef')).toBe('_session=s1');
    expect(jar.headerFor('http://localhost:3000/interaction/abc')).toBeUndefined();
  });

  it('ignores cookies set by other origins', () => {
    const jar = new CookieJar('http://localhost:4001');
    jar.store('http://localhost:3000/', ['a=1; path=/']);
    expect(jar.headerFor('http://localhost:4001/')).toBeUndefined();
  });

  it('replaces by name and path, and deletes on expiry', () => {
    let now = 1_000_000;
    const jar = new CookieJar('http://localhost:4001', () => now);
    jar.store('http://localhost:4001/', ['a=1; path=/', 'b=2; path=/; max-age=10']);
    jar.store('http://localhost:4001/', ['a=3; path=/']);
    expect(jar.headerFor('http://localhost:4001/x')).toBe('a=3; b=2');
    now += 11_000;
    expect(jar.headerFor('http://localhost:4001/x')).toBe('a=3');
    jar.store('http://localhost:4001/', ['a=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT']);
    expect(jar.headerFor('http://localhost:4001/x')).toBeUndefined();
  });

  it('defaults the path to the directory of the request', () => {
    const jar = new CookieJar('http://localhost:4001');
    jar.store('http://localhost:4001/session/end', ['c=1']);
    expect(jar.headerFor('http://localhost:4001/session/end/confirm')).toBe('c=1');
    expect(jar.headerFor('http://localhost:4001/auth')).toBeUndefined();
  });
});
