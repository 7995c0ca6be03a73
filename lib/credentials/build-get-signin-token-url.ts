import { z } from 'zod';
import { parseOrThrow } from './credential-input-error';
import { resolveFederationEndpoint } from './resolve-federation-endpoint';
import { temporaryCredentialsSchema } from './temporary-credentials-schema';
import type { Partition, TemporaryCredentials } from './types';

export const CONSOLE_SESSION_MIN_SECONDS = 900;
export const CONSOLE_SESSION_MAX_SECONDS = 43_200;

const sessionDurationSchema = z
  .number()
  .int({ error: 'must be a whole number of seconds' })
  .min(CONSOLE_SESSION_MIN_SECONDS, { error: `must be at least ${CONSOLE_SESSION_MIN_SECONDS} seconds (15 minutes)` })
  .max(CONSOLE_SESSION_MAX_SECONDS, { error: `must be at most ${CONSOLE_SESSION_MAX_SECONDS} seconds (12 hours)` });

const sessionCredentialsSchema = temporaryCredentialsSchema.pick({
  accessKeyId: true,
  secretAccessKey: true,
  sessionToken: true,
});

/**
 * Step 1 of console sign-in ("custom identity broker"): the federation URL that exchanges
 * temporary credentials for a SigninToken,
 * `…/federation?Action=getSigninToken&SessionDuration=N&Session=<urlencoded JSON>` where the JSON is
 * `{"sessionId":AccessKeyId,"sessionKey":SecretAccessKey,"sessionToken":SessionToken}`.
 *
 * The URL contains the secret key and session token: fetch it server-side and never log it, put it
 * in a redirect, or send it to the browser.
 *
 * `sessionDurationSeconds` (900–43200) sets the console session length; leave it out to get the
 * federation endpoint's default. AWS rejects SessionDuration for credentials obtained by role
 * chaining; AssumeRoleWithWebIdentity/AssumeRoleWithSAML credentials accept it.
 */
export function buildGetSigninTokenUrl({
  partition,
  credentials,
  sessionDurationSeconds,
  federationEndpoint,
}: {
  partition: Partition;
  credentials: Pick<TemporaryCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;
  sessionDurationSeconds?: number | undefined;
  federationEndpoint?: string | undefined;
}): string {
  const url = resolveFederationEndpoint({ partition, federationEndpoint });
  const creds = parseOrThrow({ schema: sessionCredentialsSchema, value: credentials, field: 'credentials' });

  const params = new URLSearchParams({ Action: 'getSigninToken' });
  if (sessionDurationSeconds !== undefined) {
    const duration = parseOrThrow({
      schema: sessionDurationSchema,
      value: sessionDurationSeconds,
      field: 'sessionDurationSeconds',
    });
    params.set('SessionDuration', String(duration));
  }
  params.set(
    'Session',
    JSON.stringify({ sessionId: creds.accessKeyId, sessionKey: creds.secretAccessKey, sessionToken: creds.sessionToken }),
  );
  url.search = params.toString();
  return url.toString();
}
