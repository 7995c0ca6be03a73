import { checkTemporaryCredentials } from './check-temporary-credentials';
import { CredentialInputError } from './credential-input-error';
import { profileNameProblem } from './profile-name-problem';
import { checkedRegion } from './format-credentials';
import type { TemporaryCredentials } from './types';

/**
 * A profile block for ~/.aws/credentials:
 *
 *     [name]
 *     aws_access_key_id = …
 *     aws_secret_access_key = …
 *     aws_session_token = …
 *
 * The expiration is not written: the shared credentials file has no standard key for it and the
 * CLI ignores unknown ones. Throws `CredentialInputError` (field `profileName`) for a name
 * `profileNameProblem` rejects, with a message saying what is wrong, and for unsafe credentials as
 * `formatCredentials` does. Free of zod: the credentials page formats in the browser.
 */
export function formatCredentialsFile({
  credentials,
  profileName,
  region,
}: {
  credentials: TemporaryCredentials;
  profileName: string;
  /** Written as `region = …`: the CLI and SDKs read profile settings from this file too. */
  region?: string;
}): string {
  const problem = profileNameProblem(profileName);
  if (problem) throw new CredentialInputError({ field: 'profileName', message: problem });
  checkTemporaryCredentials(credentials);
  return [
    `[${profileName}]`,
    `aws_access_key_id = ${credentials.accessKeyId}`,
    `aws_secret_access_key = ${credentials.secretAccessKey}`,
    `aws_session_token = ${credentials.sessionToken}`,
    ...(region !== undefined ? [`region = ${checkedRegion(region)}`] : []),
    '',
  ].join('\n');
}
