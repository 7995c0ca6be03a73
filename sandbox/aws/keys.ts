// Identifiers and secrets shaped like AWS's: ASIA… access key ids, 40-char secrets, long opaque
// session tokens, and stable AROA…/AIDA… unique ids derived from an ARN.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE32[(bytes[i] ?? 0) % 32];
  return out;
}

/** Temporary (STS) access key id: `ASIA` + 16 of [A-Z2-7]. */
export function newSessionAccessKeyId(): string {
  return `ASIA${base32(randomBytes(16), 16)}`;
}

/** 40 characters of [A-Za-z0-9+/], like a real SecretAccessKey. */
export function newSecretAccessKey(): string {
  return randomBytes(30).toString('base64');
}

/** Opaque, long and base64-ish, like STS's (which start `IQoJb3JpZ2luX2Vj`). */
export function newSessionToken(): string {
  return `IQoJb3JpZ2luX2Vj${randomBytes(384).toString('base64')}`;
}

/** A stable unique id (`AROA…` for roles, `AIDA…` for users): prefix + 16 of [A-Z2-7]. */
export function stableUniqueId(prefix: string, seed: string): string {
  return `${prefix}${base32(createHash('sha256').update(seed).digest(), 16)}`;
}

/** Random URL-safe token for one-time use (console sign-in tokens, console sessions). */
export function newOpaqueToken(bytes = 48): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashSecret(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Constant-time equality of two strings (compares their SHA-256 so lengths never leak). */
export function secretEquals(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}
