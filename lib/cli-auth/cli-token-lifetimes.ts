// How long CLI tokens live. Pure.
//  - access token: 10 minutes — short, so a leaked one is soon worthless (RFC 9700 2.2.2 / 4.14);
//  - refresh token: rotated on every use, and never past the Keyport session it is bound to
//    (that session's own lifetime is SESSION_MAX_AGE_HOURS);
//  - an authorization code: 60 seconds, once (RFC 6749 4.1.2 "a maximum lifetime of 10 minutes is
//    RECOMMENDED"; the CLI redeems it at once);
//  - a device authorization: 10 minutes to approve, polled no faster than every 5 seconds
//    (RFC 8628 3.2, 3.5).
export const ACCESS_TOKEN_SECONDS = 10 * 60;
export const AUTHORIZATION_CODE_SECONDS = 60;
export const DEVICE_CODE_SECONDS = 10 * 60;
export const DEVICE_POLL_INTERVAL_SECONDS = 5;

export function accessExpiry(now: Date, sessionExpiresAt: Date): Date {
  return new Date(Math.min(now.getTime() + ACCESS_TOKEN_SECONDS * 1000, sessionExpiresAt.getTime()));
}
