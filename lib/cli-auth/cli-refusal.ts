// Why a CLI token is refused, and the sentence the CLI prints for it: each says what to do.
// The CLI prints `error_description` / `message` as it is, so these are the words people read.
export type CliTokenRefusal = 'unknown' | 'access_expired' | 'refresh_expired' | 'logout' | 'device_revoked' | 'person_revoked' | 'refresh_reuse' | 'session_ended';

export const CLI_REFUSAL_MESSAGES: Record<CliTokenRefusal, string> = {
  unknown: 'Keyport does not recognise this CLI sign-in. Run `keyport login` to sign in.',
  access_expired: 'The CLI access token has expired; the CLI renews it with its refresh token.',
  refresh_expired: 'Your Keyport CLI login has expired. Run `keyport login` to sign in again.',
  logout: 'This CLI sign-in was ended by `keyport logout`. Run `keyport login` to sign in again.',
  device_revoked: 'This CLI sign-in was revoked on the Keyport "Your devices" page. Run `keyport login` to sign in again.',
  person_revoked: 'Your Keyport access has been revoked by a security reviewer, and this CLI sign-in with it. Contact your security team.',
  refresh_reuse: 'This CLI sign-in was revoked because its refresh token was used twice (a copy of it may exist elsewhere). Run `keyport login` to sign in again.',
  session_ended: 'The Keyport session this CLI sign-in belonged to has ended (signed out in the browser, or expired). Run `keyport login` to sign in again.',
};

/** The reason stored in cli_tokens.revoked_reason, as a refusal. */
export function refusalOfRevokedReason(reason: string | null): CliTokenRefusal {
  return reason === 'logout' || reason === 'device_revoked' || reason === 'person_revoked' || reason === 'refresh_reuse' ? reason : 'device_revoked';
}
