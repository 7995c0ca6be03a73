// The session cookie is read exactly as next-auth's decode() reads it: the same tokens accepted
// with the same payload, and expired, tampered, foreign-secret and other-algorithm tokens refused.
import { hkdfSync } from 'node:crypto';
import { EncryptJWT } from 'jose';
import { decode, encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSessionCookie } from './session-cookie';

const SECRET = 'a-test-secret-of-reasonable-length-0123456789';

async function nextAuthDecode(token: string, secret = SECRET): Promise<unknown> {
  try {
    return await decode({ token, secret });
  } catch {
    return null;
  }
}

describe('decodeSessionCookie', () => {
  it('reads what next-auth encodes, with the payload next-auth reads', async () => {
    const token = await encode({ token: { sid: 'session-id-1', name: 'Ünïcode ✓' }, secret: SECRET, maxAge: 3600 });
    const ours = decodeSessionCookie(token, SECRET);
    expect(ours).toEqual(await nextAuthDecode(token));
    expect(ours?.sid).toBe('session-id-1');
    // The derived key is cached: a second read gives the same.
    expect(decodeSessionCookie(token, SECRET)).toEqual(ours);
  });

  it('refuses an expired token (past the 15 s tolerance), as next-auth does', async () => {
    const token = await encode({ token: { sid: 'old' }, secret: SECRET, maxAge: -60 });
    expect(await nextAuthDecode(token)).toBeNull();
    expect(decodeSessionCookie(token, SECRET)).toBeNull();
    const justExpired = await encode({ token: { sid: 'recent' }, secret: SECRET, maxAge: -5 });
    expect((decodeSessionCookie(justExpired, SECRET))?.sid).toBe((await nextAuthDecode(justExpired) as { sid: string }).sid);
  });

  it('refuses a tampered token, another secret, garbage and an empty cookie', async () => {
    const token = await encode({ token: { sid: 's' }, secret: SECRET, maxAge: 3600 });
    const parts = token.split('.');
    const flipped = [...parts];
    flipped[3] = `${flipped[3]?.[0] === 'A' ? 'B' : 'A'}${flipped[3]?.slice(1)}`;
    for (const bad of [flipped.join('.'), 'not.a.token', '', `${token}x`]) {
      expect(decodeSessionCookie(bad, SECRET)).toBeNull();
      expect(await nextAuthDecode(bad)).toBeNull();
    }
    expect(decodeSessionCookie(token, `${SECRET}-other`)).toBeNull();
  });

  it('accepts no other algorithm than next-auth writes (dir + A256GCM), and checks nbf', async () => {
    const key = new Uint8Array(hkdfSync('sha256', SECRET, '', 'NextAuth.js Generated Encryption Key', 32));
    const wide = new Uint8Array(64).fill(7);
    const other = await new EncryptJWT({ sid: 'x' }).setProtectedHeader({ alg: 'dir', enc: 'A256CBC-HS512' }).setExpirationTime('1h').encrypt(wide);
    expect(decodeSessionCookie(other, SECRET)).toBeNull();
    // The right key and algorithm, written by another library: read as next-auth reads it.
    const same = await new EncryptJWT({ sid: 'y' }).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).setExpirationTime('1h').encrypt(key);
    expect(decodeSessionCookie(same, SECRET)?.sid).toBe('y');
    expect(await nextAuthDecode(same)).toMatchObject({ sid: 'y' });
    const early = await new EncryptJWT({ sid: 'z' }).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).setNotBefore('1h').setExpirationTime('2h').encrypt(key);
    expect(decodeSessionCookie(early, SECRET)).toBeNull();
    expect(await nextAuthDecode(early)).toBeNull();
    const badExp = await new EncryptJWT({ sid: 'w', exp: 'soon' } as unknown as { sid: string }).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(key);
    expect(decodeSessionCookie(badExp, SECRET)).toBeNull();
    expect(await nextAuthDecode(badExp)).toBeNull();
  });
});
