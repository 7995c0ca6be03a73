// Shared by role and person revocation: put the deny policy on each role, then record the
// revocation and its audit event in one transaction — for a person, together with the end of
// their Keyport sessions. The policies go first: if recording then fails, the sessions stay
// revoked (the safe side) and the error names the policy to clean up. A person with no live
// credentials has no role to put a policy on; their revocation is the block and the sign-out.
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { displayName } from '@/lib/auth/actor';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { auditActorOf } from '@/lib/audit/audit-actor';
import { AppError } from '@/lib/errors/app-error';
import type { RevocationContext, RevocationDeps, RevocationView } from './revocation-deps';
import { parseRoleArn, revocationPolicyName } from './revocation-policy';
import { awsErrorCode } from './role-iam';
import { endPersonSessions } from './end-person-sessions';
import { toRevocationView } from './revocation-view';

export async function putRevocation(opts: {
  actor: Actor;
  kind: 'ROLE' | 'PERSON';
  roleArns: string[];
  document: (revokedBefore: Date) => string;
  revokedBefore: Date;
  reason: string;
  person: { sub: string; label: string; email: string | null; sessionNames: string[] } | null;
  context: RevocationContext;
  deps: RevocationDeps;
}): Promise<RevocationView & { sessionsEnded: number }> {
  const { deps } = opts;
  const id = randomUUID();
  const policyName = revocationPolicyName(id);
  const document = opts.roleArns.length > 0 ? opts.document(opts.revokedBefore) : '';
  const applied: string[] = [];
  const failures: { roleArn: string; code: string }[] = [];
  for (const roleArn of opts.roleArns) {
    try {
      await deps.iam.putRolePolicy(roleArn, policyName, document);
      applied.push(roleArn);
    } catch (e) {
      deps.log.error('PutRolePolicy for a revocation failed', { roleArn, policyName, code: awsErrorCode(e), error: e });
      failures.push({ roleArn, code: awsErrorCode(e) });
    }
  }
  const first = opts.roleArns[0] ?? null;
  const base = {
    actor: auditActorOf(opts.actor),
    requestId: opts.context.requestId,
    sourceIp: opts.context.sourceIp,
    userAgent: opts.context.userAgent,
    roleArn: opts.kind === 'ROLE' ? first : null,
    accountId: opts.kind === 'ROLE' && first ? (parseRoleArn(first)?.accountId ?? null) : null,
    sessionName: opts.person?.sessionNames[0] ?? null,
  };
  const details = {
    kind: opts.kind,
    reason: opts.reason,
    policyName,
    revokedBefore: opts.revokedBefore.toISOString(),
    roleArns: applied,
    failures,
    ...(opts.person ? { personSub: opts.person.sub, personLabel: opts.person.label, sessionNames: opts.person.sessionNames } : {}),
  };
  // A role revocation is its policy. A person's also blocks and signs them out, so it goes on.
  if (opts.kind === 'ROLE' && applied.length === 0) {
    await appendAuditEvent(deps.db, { ...base, type: 'REVOCATION_CREATED', outcome: 'failure', errorCode: failures[0]?.code ?? null, details: { ...details, revocationId: id } }).catch((e: unknown) =>
      deps.log.error('could not record the failed revocation', { error: e }),
    );
    throw new AppError('upstream', `AWS refused the revocation policy (${failures.map((f) => `${f.roleArn}: ${f.code}`).join('; ')}). Nothing was revoked. Check Keyport's IAM permission (iam:PutRolePolicy) in that account.`);
  }
  try {
    const { row, sessionsEnded } = await deps.db.$transaction(async (tx) => {
      const { sessionsEnded, cliTokensRevoked } = opts.person ? await endPersonSessions(tx, opts.person, opts.revokedBefore) : { sessionsEnded: 0, cliTokensRevoked: 0 };
      const created = await tx.revocation.create({
        data: {
          id,
          kind: opts.kind,
          revokedBefore: opts.revokedBefore,
          reason: opts.reason,
          roleArns: applied,
          personSub: opts.person?.sub ?? null,
          personLabel: opts.person?.label ?? null,
          personEmail: opts.person?.email ?? null,
          sessionNames: opts.person?.sessionNames ?? [],
          policyName,
          failures,
          createdBySub: opts.actor.sub,
          createdByName: displayName(opts.actor),
        },
      });
      await appendAuditEvent(tx, { ...base, type: 'REVOCATION_CREATED', outcome: failures.length > 0 ? 'failure' : 'success', details: { ...details, revocationId: id, ...(opts.person ? { sessionsEnded, cliTokensRevoked } : {}) } });
      return { row: created, sessionsEnded };
    });
    return { ...toRevocationView(row), sessionsEnded };
  } catch (e) {
    deps.log.error('revocation policies are in place but could not be recorded', { error: e, policyName, roles: applied });
    if (applied.length === 0) throw new AppError('unavailable', 'Keyport could not record the revocation, so nothing was changed. Try again in a few minutes.');
    throw new AppError('unavailable', `The AWS sessions were revoked (policy ${policyName} on ${applied.join(', ')}), but Keyport could not record it, so the person is not yet signed out or blocked in Keyport. Try again; tell the platform team; remove that policy to lift it.`);
  }
}
