/**
 * Whole seconds from `now` until `expiration`, never negative: 0 means expired. Rounded down so a
 * countdown never promises time the credentials do not have. `now` is passed in to keep this pure.
 */
export function secondsUntil({ expiration, now }: { expiration: Date; now: Date }): number {
  const ms = expiration.getTime() - now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('expiration and now must be valid Dates');
  return Math.max(0, Math.floor(ms / 1000));
}
