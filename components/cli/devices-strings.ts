// The words of /devices, in one module (ready for the translation catalogs).
export const devicesStrings = {
  title: 'Your devices',
  intro: 'Terminals signed in with keyport login. Each can get AWS credentials as you until it is revoked, you sign out of the browser session that approved it, or that session ends.',
  none: 'No device is signed in. Install the CLI and run keyport login (see the README).',
  client: 'Device',
  signedIn: 'Signed in',
  from: 'From',
  lastUsed: 'Last used',
  ends: 'Ends',
  status: 'Status',
  active: 'Active',
  revoke: 'Revoke',
  revoking: 'Revoking…',
  grant: { authorization_code: 'browser sign-in', device_code: 'device code' } as Record<string, string>,
  reasons: {
    logout: 'Signed out (keyport logout)',
    device_revoked: 'Revoked here',
    person_revoked: 'Revoked by a security reviewer',
    refresh_reuse: 'Revoked: its refresh token was used twice',
    session_ended: 'Ended with its browser session',
    expired: 'Expired',
  } as Record<string, string>,
};
