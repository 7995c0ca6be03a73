// The user code of a device authorization (RFC 8628 6.1): 8 characters from 20 consonants
// (no vowels, so no words; no look-alikes such as 0/O, 1/I), shown as XXXX-XXXX; 20^8 ≈ 2.6·10^10
// values, with lookups rate-limited per person. Entry is forgiving: case, spaces and dashes are
// ignored. Pure.
import { randomInt } from 'node:crypto';

export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const LENGTH = 8;

export function newUserCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The canonical form (XXXX-XXXX) of what a person typed, or null when it cannot be a user code. */
export function normalizeUserCode(typed: string): string | null {
  const bare = typed.toUpperCase().replace(/[\s-]+/g, '');
  if (bare.length !== LENGTH) return null;
  for (const ch of bare) if (!USER_CODE_ALPHABET.includes(ch)) return null;
  return `${bare.slice(0, 4)}-${bare.slice(4)}`;
}
