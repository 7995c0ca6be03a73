// "Revoke active sessions" of one role, as the IAM console does it: every session of the role
// issued before now is denied everything; new sessions work at once.
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors/app-error';
import { putRevocation } from './put-revocation';
import type { RevocationContext, RevocationDeps, RevocationView } from './revocation-deps';
import { parseRoleArn, requireReason, roleRevocationPolicy } from './revocation-policy';

export async function revokeRoleSessions(opts: { actor: Actor; roleArn: string; reason: string; context: RevocationContext; deps: RevocationDeps }): Promise<RevocationView> {
  const reason = requireReason(opts.reason);
  if (!parseRoleArn(opts.roleArn)) throw new AppError('invalid_input', 'Name the role by its ARN, like arn:aws:iam::123456789012:role/Name.', { fields: { roleArn: 'A role ARN.' } });
  return putRevocation({
    actor: opts.actor,
    kind: 'ROLE',
    roleArns: [opts.roleArn],
    document: roleRevocationPolicy,
    revokedBefore: (opts.deps.now ?? (() => new Date()))(),
    reason,
    person: null,
    context: opts.context,
    deps: opts.deps,
  });
}
