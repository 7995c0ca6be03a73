import 'server-only';
// Role chaining's second hop: STS AssumeRole into the target role, signed with the first hop's
// temporary credentials (never the server's own). RoleSessionName and SourceIdentity are the
// person's (from the verified identity, as on the first hop); the first session's transitive tags
// pass on by themselves. Retries and fault classification are sendAssumeRole's (AssumeRole is not
// idempotent either: each success is a new key pair).
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { sendAssumeRole, type SigningCredentials, type StsFailure, type StsSuccess } from './send-assume-role';

export interface ChainedAssumeRoleInput {
  endpoint: string;
  region: string;
  /** The first hop's credentials: they sign the call. */
  credentials: SigningCredentials;
  roleArn: string;
  roleSessionName: string;
  sourceIdentity: string;
  durationSeconds: number;
  sessionPolicy?: string | null;
  policyArns?: string[];
}

export async function assumeRoleChained(opts: ChainedAssumeRoleInput & { timeoutMs?: number; connectTimeoutMs?: number; maxAttempts?: number; backoffMs?: number }): Promise<StsSuccess | StsFailure> {
  return sendAssumeRole({
    endpoint: opts.endpoint,
    region: opts.region,
    roleArn: opts.roleArn,
    durationSeconds: opts.durationSeconds,
    credentials: opts.credentials,
    maxAttempts: opts.maxAttempts,
    backoffMs: opts.backoffMs,
    timeoutMs: opts.timeoutMs,
    connectTimeoutMs: opts.connectTimeoutMs,
    command: new AssumeRoleCommand({
      RoleArn: opts.roleArn,
      RoleSessionName: opts.roleSessionName,
      SourceIdentity: opts.sourceIdentity,
      DurationSeconds: opts.durationSeconds,
      ...(opts.sessionPolicy ? { Policy: opts.sessionPolicy } : {}),
      ...(opts.policyArns && opts.policyArns.length > 0 ? { PolicyArns: opts.policyArns.map((arn) => ({ arn })) } : {}),
    }),
  });
}
