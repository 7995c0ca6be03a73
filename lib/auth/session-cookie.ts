// Reads the session id out of next-auth's session cookie: a compact JWE (alg "dir", enc A256GCM)
// under a key next-auth derives from the auth secret with HKDF-SHA256 (info "NextAuth.js Generated
// Encryption Key", no salt; getDerivedEncryptionKey in next-auth/jwt). Every authenticated request
// reads the cookie, and two costs showed in the portal's CPU profile under 200 clients
// (bench/FINDINGS.md): next-auth's decode() derives the key again on every call (HKDF: 5 % of the
// portal's CPU), and jose 6 decrypts through WebCrypto, a promise-wrapped job per call (8 %).
// So the key is derived once per secret and kept in memory (where the secret itself is), and the
// token is opened with node:crypto's AES-256-GCM in line (RFC 7516 §5.2: the protected header's
// base64url text is the additional authenticated data). The claims are checked as decode() checks
// them (jose's jwtDecrypt with a 15 s clock tolerance): exp and nbf, numeric when present.
// Nothing but this one algorithm pair is accepted. session-cookie.test.ts proves that tokens
// next-auth writes read the same here as through decode(), and that bad ones fail alike.
import { createDecipheriv, hkdfSync } from 'node:crypto';

const INFO = 'NextAuth.js Generated Encryption Key';
const CLOCK_TOLERANCE_SECONDS = 15;
const keys = new Map<string, Buffer>();

function derivedKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, '', INFO, 32));
    // One secret in practice; a rotated one replaces it rather than growing the map.
    if (keys.size >= 4) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function json(b: Buffer): unknown {
  try {
    return JSON.parse(b.toString('utf8'));
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The cookie's payload, or null when it is not a valid, unexpired token under `secret`. */
export function decodeSessionCookie(token: string, secret: string): Record<string, unknown> | null {
  if (!token) return null;
  const parts = token.split('.');
  if (parts.length !== 5 || !parts.every((p) => B64URL.test(p))) return null;
  const [protectedHeader, encryptedKey, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  const header = json(Buffer.from(protectedHeader, 'base64url'));
  // "dir": no encrypted key. No "zip", no "crit": next-auth writes neither, and neither is understood here.
  if (!isObject(header) || header.alg !== 'dir' || header.enc !== 'A256GCM' || 'zip' in header || 'crit' in header || encryptedKey !== '') return null;
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== 12 || tagBytes.length !== 16) return null;
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', derivedKey(secret), ivBytes, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(protectedHeader, 'ascii'));
    decipher.setAuthTag(tagBytes);
    plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  } catch {
    return null; // wrong key or tampered
  }
  const payload = json(plain);
  if (!isObject(payload)) return null;
  const now = Math.floor(Date.now() / 1000);
  for (const claim of ['exp', 'nbf', 'iat'] as const) {
    if (claim in payload && (typeof payload[claim] !== 'number' || !Number.isFinite(payload[claim]))) return null;
  }
  if (typeof payload.exp === 'number' && payload.exp <= now - CLOCK_TOLERANCE_SECONDS) return null;
  if (typeof payload.nbf === 'number' && payload.nbf > now + CLOCK_TOLERANCE_SECONDS) return null;
  return payload;
}
