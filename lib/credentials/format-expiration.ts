/**
 * The expiry for people to read, always in UTC so that what the page shows matches the
 * Expiration in the credentials and in CloudTrail whatever the viewer's time zone:
 * `2030-01-02 03:04:05 UTC`.
 */
export function formatExpiration(date: Date): string {
  if (!Number.isFinite(date.getTime())) throw new RangeError('expiration is not a valid Date');
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${String(date.getUTCFullYear()).padStart(4, '0')}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`;
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${day} ${time} UTC`;
}
