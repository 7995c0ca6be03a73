// Checks `Authorization: Bearer <token>` against the configured token in constant time (RFC 6750
// §2.1). Pure: takes the header and the expected token.
import { createHash, timingSafeEqual } from 'node:crypto';

export function bearerTokenMatches(authorization: string | null, expected: string): boolean {
  const m = /^Bearer ([\x21-\x7e]+)$/.exec(authorization ?? '');
  if (!m?.[1] || expected === '') return false;
  // Hashing first gives equal lengths, so the comparison leaks neither content nor length.
  const a = createHash('sha256').update(m[1]).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
