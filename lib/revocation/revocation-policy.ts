// The IAM inline policies revocation puts on a role, as AWS's own "Revoke active sessions" does:
// deny everything to sessions issued before an instant (aws:TokenIssueTime), optionally only to
// one person's sessions (aws:userid is "<role id>:<RoleSessionName>"). Sessions issued after the
// instant are unaffected, so the person (or everyone) can get fresh credentials at once. Pure.
import { AppError } from '@/lib/errors/app-error';

export const REVOCATION_POLICY_PREFIX = 'KeyportRevoke-';
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export function parseRoleArn(arn: string): { partition: string; accountId: string; roleName: string } | null {
  const m = ROLE_ARN.exec(arn);
  return m?.[1] && m[2] && m[3] ? { partition: m[1], accountId: m[2], roleName: m[3] } : null;
}

/** One policy per revocation, so lifting one never lifts another. */
export function revocationPolicyName(revocationId: string): string {
  return `${REVOCATION_POLICY_PREFIX}${revocationId}`;
}

function policy(condition: Record<string, Record<string, string | string[]>>, sid: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: sid, Effect: 'Deny', Action: '*', Resource: '*', Condition: condition }],
  });
}

export function roleRevocationPolicy(revokedBefore: Date): string {
  return policy({ DateLessThan: { 'aws:TokenIssueTime': revokedBefore.toISOString() } }, 'KeyportRevokeOlderSessions');
}

export function personRevocationPolicy(sessionNames: readonly string[], revokedBefore: Date): string {
  if (sessionNames.length === 0) throw new Error('a person revocation needs at least one session name');
  for (const n of sessionNames) {
    // Session names cannot hold StringLike wildcards (* ?), so "*:<name>" matches that name only.
    if (!SESSION_NAME.test(n)) throw new Error(`not a RoleSessionName: ${n}`);
  }
  const patterns = sessionNames.map((n) => `*:${n}`);
  return policy(
    {
      StringLike: { 'aws:userid': patterns.length === 1 ? (patterns[0] ?? '') : patterns },
      DateLessThan: { 'aws:TokenIssueTime': revokedBefore.toISOString() },
    },
    'KeyportRevokePersonSessions',
  );
}

/** Why, in the reviewer's words: required, so every revocation explains itself in the audit. */
export function requireReason(reason: string | undefined | null): string {
  const r = (reason ?? '').trim();
  if (r.length < 3) throw new AppError('invalid_input', 'Give a reason (a few words: the incident, ticket or offboarding).', { fields: { reason: 'Required, at least 3 characters.' } });
  if (r.length > 1000) throw new AppError('invalid_input', 'Keep the reason under 1000 characters.', { fields: { reason: 'At most 1000 characters.' } });
  return r;
}
