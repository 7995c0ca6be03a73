import { describe, expect, it } from 'vitest';
import { decryptToken, encryptToken } from './token-crypto';

const secret = 'a'.repeat(32);

describe('token encryption', () => {
  it('round-trips and never contains the plaintext', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.payload.signature';
    const sealed = encryptToken(token, secret);
    expect(sealed).not.toContain('payload');
    expect(decryptToken(sealed, secret)).toBe(token);
  });

  it('uses a fresh IV each time', () => {
    expect(encryptToken('x', secret)).not.toBe(encryptToken('x', secret));
  });

  it('refuses a tampered value or the wrong key', () => {
    const sealed = encryptToken('id-token', secret);
    const parts = sealed.split('.');
    const body = parts[2] ?? '';
    const flipped = [parts[0], parts[1], (body[0] === 'A' ? 'B' : 'A') + body.slice(1), parts[3]].join('.');
    expect(() => decryptToken(flipped, secret)).toThrow();
    expect(() => decryptToken(sealed, 'b'.repeat(32))).toThrow();
  });

  it('refuses a truncated authentication tag', () => {
    const [v, iv, body, tag = ''] = encryptToken('id-token', secret).split('.');
    const short = Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => decryptToken([v, iv, body, short].join('.'), secret)).toThrow();
  });
});
