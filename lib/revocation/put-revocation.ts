// Shared by role and person revocation: put the deny policy on each role, then record the
// revocation and its audit event in one transaction. The policies go first: if recording then
// fails, the sessions stay revoked (the safe side) and the error names the policy to clean up.
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { displayName } from '@/lib/auth/actor';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { auditActorOf } from '@/lib/audit/audit-actor';
import { AppError } from '@/lib/errors/app-error';
import type { RevocationContext, RevocationDeps, RevocationView } from './revocation-deps';
import { parseRoleArn, revocationPolicyName } from './revocation-policy';
import { awsErrorCode } from './role-iam';
import { toRevocationView } from './revocation-view';

export async function putRevocation(opts: {
  actor: Actor;
  kind: 'ROLE' | 'PERSON';
  roleArns: string[];
  document: (revokedBefore: Date) => string;
  revokedBefore: Date;
  reason: string;
  person: { sub: string; label: string; sessionNames: string[] } | null;
  context: RevocationContext;
  deps: RevocationDeps;
}): Promise<RevocationView> {
  const { deps } = opts;
  const id = randomUUID();
  const policyName = revocationPolicyName(id);
  const document = opts.document(opts.revokedBefore);
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
  if (applied.length === 0) {
    await appendAuditEvent(deps.db, { ...base, type: 'REVOCATION_CREATED', outcome: 'failure', errorCode: failures[0]?.code ?? null, details: { ...details, revocationId: id } }).catch((e: unknown) =>
      deps.log.error('could not record the failed revocation', { error: e }),
    );
    throw new AppError('upstream', `AWS refused the revocation policy (${failures.map((f) => `${f.roleArn}: ${f.code}`).join('; ')}). Nothing was revoked. Check Keyport's IAM permission (iam:PutRolePolicy) in that account.`);
  }
  try {
    const row = await deps.db.$transaction(async (tx) => {
      const created = await tx.revocation.create({
        data: {
          id,
          kind: opts.kind,
          revokedBefore: opts.revokedBefore,
          reason: opts.reason,
          roleArns: applied,
          personSub: opts.person?.sub ?? null,
          personLabel: opts.person?.label ?? null,
          sessionNames: opts.person?.sessionNames ?? [],
          policyName,
          failures,
          createdBySub: opts.actor.sub,
          createdByName: displayName(opts.actor),
        },
      });
      await appendAuditEvent(tx, { ...base, type: 'REVOCATION_CREATED', outcome: failures.length > 0 ? 'failure' : 'success', details: { ...details, revocationId: id } });
      return created;
    });
    return toRevocationView(row);
  } catch (e) {
    deps.log.error('revocation policies are in place but could not be recorded', { error: e, policyName, roles: applied });
    throw new AppError('unavailable', `The sessions were revoked (policy ${policyName} on ${applied.join(', ')}), but Keyport could not record it. Tell the platform team; remove that policy to lift it.`);
  }
}
