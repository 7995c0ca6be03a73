import { describe, expect, it } from 'vitest';
import { cookieHeader } from '@/lib/http/cookie-header';
import { openResult, resultCookieName, sealResult } from './result-cookie';

const SECRET = 'z'.repeat(40);

describe('SAML result cookie', () => {
  it('round-trips a result for its session, and refuses another key or a tampered value', () => {
    // Long enough that random ciphertext never contains it by chance (a 2-character id did, 1 run in 40).
    const sessionId = 'session-9f2c4e7a1b3d';
    const sealed = sealResult({ sessionId, status: 200, body: { ok: 1 } }, SECRET);
    expect(sealed).not.toContain(sessionId);
    expect(sealed).not.toContain(Buffer.from(sessionId).toString('base64url'));
    expect(openResult(sealed, SECRET)).toMatchObject({ sessionId, status: 200, body: { ok: 1 } });
    expect(openResult(sealed, 'q'.repeat(40))).toBeNull();
    const [v, iv, body = '', tag] = sealed.split('.');
    const flipped = `${body.slice(0, 5)}${body[5] === 'A' ? 'B' : 'A'}${body.slice(6)}`;
    expect(openResult([v, iv, flipped, tag].join('.'), SECRET)).toBeNull();
  });

  it('is HttpOnly, Lax, short-lived, and __Host- over https', () => {
    expect(resultCookieName(true)).toBe('__Host-keyport.saml-result');
    expect(cookieHeader('n', 'v', { secure: true, maxAge: 120 })).toBe('n=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=120; Secure');
  });
});
