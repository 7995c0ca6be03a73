// Shared by the portal and the keyport CLI (see credential-input-error.js). Pure.

/**
 * The expiration exactly as `aws configure export-credentials` prints it.
 *
 * The CLI parses `AWS_CREDENTIAL_EXPIRATION` / the STS Expiration into an aware UTC `datetime` and
 * prints `expiry_time.isoformat()` (awscli/customizations/configure/exportcreds.py,
 * `convert_botocore_credentials`). Python's `isoformat()` gives `YYYY-MM-DDTHH:MM:SS+00:00`, and
 * adds `.ffffff` (six digits) only when the microseconds are non-zero. A JS Date has millisecond
 * precision, so a fraction is always `.mmm000`. Verified against /usr/bin/aws 2.9.19 in
 * export-formats.int.test.ts. It is RFC 3339, as credential_process requires.
 * @param {Date} expiration
 * @returns {string}
 */
export function formatCliExpiration(expiration) {
  const ms = expiration.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('expiration is not a valid Date');
  const year = expiration.getUTCFullYear();
  // Python's datetime only spans years 1–9999; outside it the CLI could not have printed anything.
  if (year < 1 || year > 9999) throw new RangeError('expiration year must be between 1 and 9999');
  /** @param {number} n @param {number} [width] */
  const pad = (n, width = 2) => String(n).padStart(width, '0');
  const date = `${pad(year, 4)}-${pad(expiration.getUTCMonth() + 1)}-${pad(expiration.getUTCDate())}`;
  const time = `${pad(expiration.getUTCHours())}:${pad(expiration.getUTCMinutes())}:${pad(expiration.getUTCSeconds())}`;
  const millis = expiration.getUTCMilliseconds();
  const fraction = millis === 0 ? '' : `.${pad(millis, 3)}000`;
  return `${date}T${time}${fraction}+00:00`;
}
