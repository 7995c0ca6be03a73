// Reads the session id out of next-auth's session cookie: a JWE (alg "dir", enc A256GCM) under a
// key next-auth derives from AUTH secret with HKDF-SHA256 (info "NextAuth.js Generated Encryption
// Key", no salt; next-auth/jwt's getDerivedEncryptionKey). next-auth's own decode() derives that
// key again on every call, and every authenticated request decodes the cookie: in the portal's
// CPU profile under 200 clients the HKDF alone was 5 % of the portal's CPU (bench/FINDINGS.md).
// The key is derived once per secret here and kept in memory (where the secret itself is); the
// token is checked as decode() checks it (jose's jwtDecrypt, 15 s clock tolerance), and nothing
// but this one algorithm pair is accepted. session-cookie.test.ts proves both read the same
// tokens the same way.
import { hkdf } from 'node:crypto';
import { jwtDecrypt } from 'jose';

const INFO = 'NextAuth.js Generated Encryption Key';
const keys = new Map<string, Promise<Uint8Array>>();

function derivedKey(secret: string): Promise<Uint8Array> {
  let key = keys.get(secret);
  if (!key) {
    key = new Promise<Uint8Array>((resolve, reject) => hkdf('sha256', secret, '', INFO, 32, (e, k) => (e ? reject(e) : resolve(new Uint8Array(k)))));
    // One secret in practice; a rotated one replaces it rather than growing the map.
    if (keys.size >= 4) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

/** The cookie's payload, or null when it is not a valid, unexpired token under `secret`. */
export async function decodeSessionCookie(token: string, secret: string): Promise<Record<string, unknown> | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtDecrypt(token, await derivedKey(secret), { clockTolerance: 15, keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
    return payload as Record<string, unknown>;
  } catch {
    return null;
  }
}
