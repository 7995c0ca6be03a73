// Revokes a person — offboarding and incidents. In one step:
//  - every session Keyport issued to them is denied in IAM, on every role they hold live
//    credentials for (from the audit: ISSUE_SUCCEEDED not yet expired) — for a chained mapping
//    both the hub and the target role, so every hop is denied (IAM User Guide, "Revoking IAM role
//    temporary security credentials": the deny goes on the role whose sessions are used): only their sessions
//    (aws:userid ends with ":<their session name>"), only those issued before now, so colleagues
//    on the same roles are untouched;
//  - every Keyport session of theirs ends, and the IdP tokens Keyport held for them are dropped;
//  - every new issuance to them is refused until the revocation is lifted (check-issuable.ts).
// It works for someone who holds no live credentials yet: then there is no IAM policy to put,
// and the block and the sign-out alone take effect.
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors/app-error';
import { countByRole, LIVE_WINDOW_MS, readLiveCredentials } from './live-credentials';
import { putRevocation } from './put-revocation';
import type { RevocationContext, RevocationDeps, RevocationView } from './revocation-deps';
import { parseRoleArn, personRevocationPolicy, requireReason } from './revocation-policy';

/** What a person revocation cut off: their live AWS sessions, per role (lib/revocation/live-credentials.ts). */
export interface SessionsCutOff {
  cutOff: { roleArn: string; sessions: number }[];
}

/** The target role of a chained issuance (run-issuance.ts records it as details.chainedRoleArn). */
function chainedRoleOf(details: unknown): string | null {
  const v = details && typeof details === 'object' && !Array.isArray(details) ? (details as Record<string, unknown>)['chainedRoleArn'] : null;
  return typeof v === 'string' ? v : null;
}


export async function revokePersonSessions(opts: { actor: Actor; personSub: string; reason: string; context: RevocationContext; deps: RevocationDeps }): Promise<RevocationView & { sessionsEnded: number } & SessionsCutOff> {
  const { deps } = opts;
  const reason = requireReason(opts.reason);
  const now = (deps.now ?? (() => new Date()))();
  if (!opts.personSub) throw new AppError('invalid_input', 'Name the person to revoke.', { fields: { personSub: 'Required.' } });
  const live = await deps.db.auditEvent.findMany({
    where: { type: 'ISSUE_SUCCEEDED', actorSub: opts.personSub, expiresAt: { gt: now }, occurredAt: { gt: new Date(now.getTime() - LIVE_WINDOW_MS) } },
    select: { roleArn: true, sessionName: true, details: true },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
  });
  // Who they are, from what Keyport has seen of them: their audit events, else their sessions.
  const seen =
    (await deps.db.auditEvent.findFirst({ where: { actorSub: opts.personSub }, select: { actorName: true, actorEmail: true }, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }] })) ??
    (await deps.db.session.findFirst({ where: { userSub: opts.personSub }, select: { name: true, email: true }, orderBy: { createdAt: 'desc' } }).then((s) => (s ? { actorName: s.name, actorEmail: s.email } : null)));
  if (!seen) {
    throw new AppError('not_found', 'Keyport has never seen this person (no sign-in, no audit event), so there is nobody to revoke. Check the subject.', { fields: { personSub: 'Not a person Keyport knows.' } });
  }
  const rolesOf = (e: (typeof live)[number]) => [e.roleArn, chainedRoleOf(e.details)].filter((arn): arn is string => typeof arn === 'string' && parseRoleArn(arn) !== null);
  const roleArns = [...new Set(live.flatMap(rolesOf))].sort();
  const sessionNames = [...new Set(live.flatMap((e) => (e.sessionName ? [e.sessionName] : [])))].sort();
  const label = seen.actorName ?? seen.actorEmail ?? opts.personSub;
  // Counted before the policy goes on: the sessions that were live (not already revoked) and are now denied.
  const stillLive = await readLiveCredentials(deps.db, [opts.personSub], now);
  const revocation = await putRevocation({
    actor: opts.actor,
    kind: 'PERSON',
    roleArns: sessionNames.length > 0 ? roleArns : [],
    document: (before) => personRevocationPolicy(sessionNames, before),
    revokedBefore: now,
    reason,
    person: { sub: opts.personSub, label, email: seen.actorEmail?.toLowerCase() ?? null, sessionNames },
    context: opts.context,
    deps,
  });
  const failed = new Set(revocation.failures.map((f) => f.roleArn));
  return { ...revocation, cutOff: countByRole(stillLive.filter((c) => !failed.has(c.roleArn))) };
}
