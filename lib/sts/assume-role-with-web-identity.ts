import 'server-only';
// Calls STS AssumeRoleWithWebIdentity at the mapping's endpoint with the person's ID token
// (retries and error reporting in send-assume-role.ts).
import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { sendAssumeRole, type StsFailure, type StsSuccess } from './send-assume-role';

export { clientFor, type StsFailure, type StsSuccess } from './send-assume-role';

export async function assumeRoleWithWebIdentity(opts: {
  endpoint: string;
  region: string;
  roleArn: string;
  roleSessionName: string;
  webIdentityToken: string;
  durationSeconds: number;
  sessionPolicy?: string | null;
  policyArns?: string[];
  maxAttempts?: number;
  backoffMs?: number;
  /** STS_TIMEOUT_MS: the whole call, retries included (default 15 s). */
  timeoutMs?: number;
  /** STS_CONNECT_TIMEOUT_MS (default 3 s). */
  connectTimeoutMs?: number;
}): Promise<StsSuccess | StsFailure> {
  return sendAssumeRole({
    ...opts,
    command: new AssumeRoleWithWebIdentityCommand({
      RoleArn: opts.roleArn,
      RoleSessionName: opts.roleSessionName,
      WebIdentityToken: opts.webIdentityToken,
      DurationSeconds: opts.durationSeconds,
      ...(opts.sessionPolicy ? { Policy: opts.sessionPolicy } : {}),
      ...(opts.policyArns && opts.policyArns.length > 0 ? { PolicyArns: opts.policyArns.map((arn) => ({ arn })) } : {}),
    }),
  });
}
