// IAM calls revocation makes, on roles in any account: PutRolePolicy / DeleteRolePolicy.
// Credentials come from the server's standard AWS chain (instance or task role, environment…);
// with REVOCATION_ROLE_NAME, Keyport first assumes that role in the target account (sts:AssumeRole)
// so one narrowly-permitted role per account is all it needs.
import { DeleteRolePolicyCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { parseRoleArn } from './revocation-policy';

export interface RoleIam {
  putRolePolicy(roleArn: string, policyName: string, document: string): Promise<void>;
  /** `absent` when the policy was already gone (lifting twice, or removed by hand). */
  deleteRolePolicy(roleArn: string, policyName: string): Promise<'deleted' | 'absent'>;
}

export function createRoleIam(opts: {
  endpoint?: string;
  region?: string;
  revocationRoleName?: string;
  stsEndpoint?: string;
  /** Tests only; otherwise the SDK's default provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}): RoleIam {
  const region = opts.region ?? 'us-east-1';
  const base = { region, maxAttempts: 3, ...(opts.endpoint ? { endpoint: opts.endpoint } : {}), ...(opts.credentials ? { credentials: opts.credentials } : {}) };

  async function clientFor(roleArn: string): Promise<IAMClient> {
    const arn = parseRoleArn(roleArn);
    if (!arn) throw new Error(`not a role ARN: ${roleArn}`);
    if (!opts.revocationRoleName) return new IAMClient(base);
    const sts = new STSClient({ region, ...(opts.stsEndpoint ? { endpoint: opts.stsEndpoint } : {}), ...(opts.credentials ? { credentials: opts.credentials } : {}) });
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:${arn.partition}:iam::${arn.accountId}:role/${opts.revocationRoleName}`,
        RoleSessionName: 'keyport-revocation',
        DurationSeconds: 900,
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('AssumeRole answered without credentials');
    return new IAMClient({ ...base, credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken } });
  }

  const roleName = (roleArn: string) => parseRoleArn(roleArn)?.roleName ?? '';

  return {
    async putRolePolicy(roleArn, policyName, document) {
      const iam = await clientFor(roleArn);
      await iam.send(new PutRolePolicyCommand({ RoleName: roleName(roleArn), PolicyName: policyName, PolicyDocument: document }));
    },
    async deleteRolePolicy(roleArn, policyName) {
      const iam = await clientFor(roleArn);
      try {
        await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName(roleArn), PolicyName: policyName }));
        return 'deleted';
      } catch (e) {
        if (awsErrorCode(e) === 'NoSuchEntity') return 'absent';
        throw e;
      }
    },
  };
}

/** AWS's error code (NoSuchEntity, AccessDenied, …) without the SDK's "Exception" suffix. */
export function awsErrorCode(e: unknown): string {
  const name = e && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : 'Error';
  const code = e && typeof e === 'object' && 'Code' in e ? String((e as { Code: unknown }).Code) : name;
  return code.replace(/Exception$/, '');
}
