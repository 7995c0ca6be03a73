import 'server-only';
// Calls STS AssumeRoleWithSAML at the mapping's endpoint with the raw SAML response (retries and
// error reporting in send-assume-role.ts). The assertion is never logged.
import { AssumeRoleWithSAMLCommand } from '@aws-sdk/client-sts';
import { sendAssumeRole, type StsFailure, type StsSuccess } from './send-assume-role';

export async function assumeRoleWithSaml(opts: {
  endpoint: string;
  region: string;
  roleArn: string;
  principalArn: string;
  samlAssertion: string;
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
    endpoint: opts.endpoint,
    region: opts.region,
    roleArn: opts.roleArn,
    durationSeconds: opts.durationSeconds,
    maxAttempts: opts.maxAttempts,
    backoffMs: opts.backoffMs,
    timeoutMs: opts.timeoutMs,
    connectTimeoutMs: opts.connectTimeoutMs,
    command: new AssumeRoleWithSAMLCommand({
      RoleArn: opts.roleArn,
      PrincipalArn: opts.principalArn,
      SAMLAssertion: opts.samlAssertion,
      DurationSeconds: opts.durationSeconds,
      ...(opts.sessionPolicy ? { Policy: opts.sessionPolicy } : {}),
      ...(opts.policyArns && opts.policyArns.length > 0 ? { PolicyArns: opts.policyArns.map((arn) => ({ arn })) } : {}),
    }),
  });
}
