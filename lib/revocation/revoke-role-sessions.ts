// "Revoke active sessions" of one role, as the IAM console does it: every session of the role
// issued before now is denied everything; new sessions work at once. Only a role Keyport manages
// (one named by a mapping, enabled or not, as its role or as the target it chains to) may be revoked: otherwise a reviewer could put a
// deny-all on any role the revocation credentials reach.
import type { Actor } from '@/lib/auth/actor';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { auditActorOf } from '@/lib/audit/audit-actor';
import { AppError } from '@/lib/errors/app-error';
import { putRevocation } from './put-revocation';
import type { RevocationContext, RevocationDeps, RevocationView } from './revocation-deps';
import { parseRoleArn, requireReason, roleRevocationPolicy } from './revocation-policy';

export async function revokeRoleSessions(opts: { actor: Actor; roleArn: string; reason: string; context: RevocationContext; deps: RevocationDeps }): Promise<RevocationView> {
  const reason = requireReason(opts.reason);
  if (!parseRoleArn(opts.roleArn)) throw new AppError('invalid_input', 'Name the role by its ARN, like arn:aws:iam::123456789012:role/Name.', { fields: { roleArn: 'A role ARN.' } });
  const managed = await opts.deps.db.roleMapping.findFirst({ where: { OR: [{ roleArn: opts.roleArn }, { chainedRoleArn: opts.roleArn }] }, select: { id: true } });
  if (!managed) {
    await appendAuditEvent(opts.deps.db, {
      type: 'REVOCATION_CREATED',
      actor: auditActorOf(opts.actor),
      outcome: 'denied',
      requestId: opts.context.requestId,
      sourceIp: opts.context.sourceIp,
      userAgent: opts.context.userAgent,
      roleArn: opts.roleArn,
      accountId: parseRoleArn(opts.roleArn)?.accountId ?? null,
      details: { kind: 'ROLE', reason, refused: 'not a role Keyport manages' },
    }).catch((e: unknown) => opts.deps.log.error('could not record a refused revocation', { error: e }));
    throw new AppError('forbidden', 'Keyport revokes only roles it manages, and no mapping names this role. Revoke it in IAM directly if you must.', { fields: { roleArn: 'Not a role of any mapping.' } });
  }
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
