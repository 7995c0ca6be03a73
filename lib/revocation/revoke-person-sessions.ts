// Revokes every session Keyport issued to one person, on every role they hold live credentials
// for (from the audit: ISSUE_SUCCEEDED not yet expired) — offboarding and incidents. Only their
// sessions are denied (aws:userid ends with ":<their session name>"), only those issued before
// now, so colleagues on the same roles are untouched.
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors/app-error';
import { putRevocation } from './put-revocation';
import type { RevocationContext, RevocationDeps, RevocationView } from './revocation-deps';
import { parseRoleArn, personRevocationPolicy, requireReason } from './revocation-policy';

/** Longer than any STS session (12 h), so every live one is found; bounds the partitions read. */
const LIVE_WINDOW_MS = 36 * 3600_000;

export async function revokePersonSessions(opts: { actor: Actor; personSub: string; reason: string; context: RevocationContext; deps: RevocationDeps }): Promise<RevocationView> {
  const reason = requireReason(opts.reason);
  const now = (opts.deps.now ?? (() => new Date()))();
  if (!opts.personSub) throw new AppError('invalid_input', 'Name the person to revoke.', { fields: { personSub: 'Required.' } });
  const live = await opts.deps.db.auditEvent.findMany({
    where: { type: 'ISSUE_SUCCEEDED', actorSub: opts.personSub, expiresAt: { gt: now }, occurredAt: { gt: new Date(now.getTime() - LIVE_WINDOW_MS) } },
    select: { roleArn: true, sessionName: true, actorName: true, actorEmail: true },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
  });
  const roleArns = [...new Set(live.flatMap((e) => (e.roleArn && parseRoleArn(e.roleArn) ? [e.roleArn] : [])))].sort();
  const sessionNames = [...new Set(live.flatMap((e) => (e.sessionName ? [e.sessionName] : [])))].sort();
  if (roleArns.length === 0 || sessionNames.length === 0) {
    throw new AppError('conflict', 'This person holds no live credentials from Keyport, so there is no session to revoke. (Credentials they get later are not affected by a revocation.)');
  }
  const label = live[0]?.actorName ?? live[0]?.actorEmail ?? opts.personSub;
  return putRevocation({
    actor: opts.actor,
    kind: 'PERSON',
    roleArns,
    document: (before) => personRevocationPolicy(sessionNames, before),
    revokedBefore: now,
    reason,
    person: { sub: opts.personSub, label, sessionNames },
    context: opts.context,
    deps: opts.deps,
  });
}
