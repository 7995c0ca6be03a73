import { parseOrThrow } from './credential-input-error';
import { profileNameSchema } from './profile-name-schema';
import { temporaryCredentialsSchema } from './temporary-credentials-schema';
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
 * `profileNameSchema` rejects, with a message saying what is wrong.
 */
export function formatCredentialsFile({
  credentials,
  profileName,
}: {
  credentials: TemporaryCredentials;
  profileName: string;
}): string {
  const name = parseOrThrow({ schema: profileNameSchema, value: profileName, field: 'profileName' });
  const creds = parseOrThrow({ schema: temporaryCredentialsSchema, value: credentials, field: 'credentials' });
  return [
    `[${name}]`,
    `aws_access_key_id = ${creds.accessKeyId}`,
    `aws_secret_access_key = ${creds.secretAccessKey}`,
    `aws_session_token = ${creds.sessionToken}`,
    '',
  ].join('\n');
}
