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

/**
 * The same countdown as parts, for a page to word in its language (`1h 02m`, `1時間02分`): which
 * form applies and the (zero-padded) numbers. Same rounding and cut-offs as formatRemaining.
 */
export function remainingParts(ms: number): { form: 'hm' | 'ms' | 's'; hours: string; minutes: string; seconds: string } {
  const text = formatRemaining(ms);
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const form = text.includes('h') ? 'hm' : text.includes('m') ? 'ms' : 's';
  return { form, hours: String(hours), minutes: form === 'hm' ? two(minutes) : String(minutes), seconds: form === 'ms' ? two(seconds) : String(seconds) };
}
