// Lifts a revocation: its deny policy is deleted from each role (DeleteRolePolicy; one already
// gone is fine), then the revocation is marked lifted and audited, in one transaction. Sessions
// that were revoked stay unusable only while the policy exists, so lifting restores them too if
// they have not expired — the reason is recorded with the lift for that reason.
import type { Actor } from '@/lib/auth/actor';
import { displayName } from '@/lib/auth/actor';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { auditActorOf } from '@/lib/audit/audit-actor';
import { AppError } from '@/lib/errors/app-error';
import type { RevocationContext, RevocationDeps, RevocationView } from './revocation-deps';
import { parseRoleArn, requireReason } from './revocation-policy';
import { awsErrorCode } from './role-iam';
import { toRevocationView } from './revocation-view';

export async function liftRevocation(opts: { actor: Actor; revocationId: string; reason: string; context: RevocationContext; deps: RevocationDeps }): Promise<RevocationView> {
  const { deps } = opts;
  const reason = requireReason(opts.reason);
  if (!/^[0-9a-f-]{36}$/i.test(opts.revocationId)) throw new AppError('not_found', 'There is no such revocation.');
  const rev = await deps.db.revocation.findUnique({ where: { id: opts.revocationId } });
  if (!rev) throw new AppError('not_found', 'There is no such revocation.');
  if (rev.liftedAt) throw new AppError('conflict', `This revocation was already lifted by ${rev.liftedByName ?? 'someone'}.`);
  // Nobody lifts a revocation of themselves, whichever sign-in they use: it takes a second person.
  const actorEmail = opts.actor.email?.toLowerCase() ?? null;
  if (rev.kind === 'PERSON' && (rev.personSub === opts.actor.sub || (rev.personEmail !== null && actorEmail !== null && rev.personEmail === actorEmail))) {
    await appendAuditEvent(deps.db, {
      type: 'REVOCATION_LIFTED',
      actor: auditActorOf(opts.actor),
      outcome: 'denied',
      requestId: opts.context.requestId,
      sourceIp: opts.context.sourceIp,
      userAgent: opts.context.userAgent,
      sessionName: rev.sessionNames[0] ?? null,
      details: { revocationId: rev.id, kind: rev.kind, reason, refused: 'a revocation of the person lifting it' },
    }).catch((e: unknown) => deps.log.error('could not record a refused lift', { error: e }));
    throw new AppError('forbidden', 'This revocation is of you, and nobody may lift a revocation of themselves. Ask another security reviewer.');
  }
  for (const roleArn of rev.roleArns) {
    try {
      await deps.iam.deleteRolePolicy(roleArn, rev.policyName);
    } catch (e) {
      deps.log.error('DeleteRolePolicy for a lift failed', { roleArn, policyName: rev.policyName, code: awsErrorCode(e), error: e });
      throw new AppError('upstream', `AWS refused to remove policy ${rev.policyName} from ${roleArn} (${awsErrorCode(e)}). The revocation is still in force; try again or remove the policy by hand.`);
    }
  }
  const first = rev.roleArns[0] ?? null;
  const row = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.revocation.updateMany({
      where: { id: rev.id, liftedAt: null },
      data: { liftedAt: (deps.now ?? (() => new Date()))(), liftedBySub: opts.actor.sub, liftedByName: displayName(opts.actor), liftReason: reason },
    });
    if (count !== 1) throw new AppError('conflict', 'This revocation was lifted by someone else a moment ago.');
    await appendAuditEvent(tx, {
      type: 'REVOCATION_LIFTED',
      actor: auditActorOf(opts.actor),
      outcome: 'success',
      requestId: opts.context.requestId,
      sourceIp: opts.context.sourceIp,
      userAgent: opts.context.userAgent,
      roleArn: rev.kind === 'ROLE' ? first : null,
      accountId: rev.kind === 'ROLE' && first ? (parseRoleArn(first)?.accountId ?? null) : null,
      sessionName: rev.sessionNames[0] ?? null,
      details: { revocationId: rev.id, kind: rev.kind, reason, policyName: rev.policyName, roleArns: rev.roleArns, originalReason: rev.reason, ...(rev.personSub ? { personSub: rev.personSub } : {}) },
    });
    return tx.revocation.findUniqueOrThrow({ where: { id: rev.id } });
  });
  return toRevocationView(row);
}
