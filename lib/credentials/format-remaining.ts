/**
 * A compact countdown for the time left on credentials: `42s`, `59m 12s`, `5m 03s`, `1h 02m`,
 * `12h 00m`. Seconds are dropped from an hour upwards, where they are noise. Rounded down (never
 * shows more time than is left); zero or negative gives `0s`, so the caller decides how to show
 * "expired".
 */
export function formatRemaining(ms: number): string {
  if (Number.isNaN(ms)) throw new RangeError('remaining time must be a number');
  if (ms === Number.POSITIVE_INFINITY) throw new RangeError('remaining time must be finite');
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (hours > 0) return `${hours}h ${two(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${two(seconds)}s`;
  return `${seconds}s`;
}
