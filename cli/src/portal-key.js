// A short, file-name-safe key for a portal URL (and a role request), so one machine can be signed
// in to several Keyports and cache each role separately.
import { createHash } from 'node:crypto';

/** @param {...string} parts */
export function keyOf(...parts) {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24);
}
