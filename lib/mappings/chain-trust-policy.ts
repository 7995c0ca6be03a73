// Pure: the IAM a chained mapping needs besides its hub role's federated trust (trust-policy.ts):
//   - the target role's trust policy: Principal {"AWS": <hub role ARN>} — the role, not the
//     account, so no other principal of the hub account can assume it (IAM User Guide, "IAM JSON
//     policy elements: Principal", role principals) — with sts:AssumeRole, sts:SetSourceIdentity
//     (Keyport always passes the person's SourceIdentity, and a session that carries one needs it
//     to chain: "Permissions required to set source identity") and sts:TagSession (the broker's
//     transitive session tags pass to the chained session: "Chaining roles with session tags");
//     Null "sts:SourceIdentity" = false refuses any session of the hub that names no person, and in
//     broker mode aws:PrincipalTag/keyport-mapping binds the target to this mapping's sessions;
//   - the hub role's permissions policy allowing those actions on the target (across accounts the
//     caller's identity policy must allow sts:AssumeRole too: "Cross account resource access in IAM").
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html#iam-term-role-chaining
import { shellQuote } from './trust-policy';

export const CHAIN_ACTIONS = ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'] as const;

export function chainTargetTrustPolicy(opts: { hubRoleArn: string; /** Broker modes: the hub session carries Keyport's transitive tags. */ mappingId?: string | null }) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: opts.hubRoleArn },
        Action: [...CHAIN_ACTIONS],
        Condition: {
          Null: { 'sts:SourceIdentity': 'false' },
          ...(opts.mappingId ? { StringEquals: { 'aws:PrincipalTag/keyport-mapping': opts.mappingId } } : {}),
        },
      },
    ],
  };
}

export function hubPermissionsPolicy(opts: { targetRoleArns: readonly string[] }) {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'AssumeChainTargets', Effect: 'Allow', Action: [...CHAIN_ACTIONS], Resource: opts.targetRoleArns.length === 1 ? (opts.targetRoleArns[0] ?? '') : [...opts.targetRoleArns] }],
  };
}

/** The AWS CLI command that puts the hub's permissions policy on it (inline, named for Keyport). */
export function putHubPolicyCommand(opts: { hubRoleArn: string; policy: object }): string {
  const name = opts.hubRoleArn.split('/').pop() ?? '';
  return `aws iam put-role-policy --role-name ${shellQuote(name)} --policy-name KeyportChainTargets --policy-document ${shellQuote(JSON.stringify(opts.policy))}`;
}

/**
 * The trust policy of a role Keyport itself assumes in an account (REVOCATION_ROLE_NAME,
 * DECODER_ROLE_NAME): the principal Keyport runs as (its instance or task role, or an IAM user).
 */
export function keyportServiceRoleTrustPolicy(opts: { keyportPrincipalArn: string }) {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: opts.keyportPrincipalArn }, Action: 'sts:AssumeRole' }] };
}
