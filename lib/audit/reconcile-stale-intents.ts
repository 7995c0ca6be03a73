// Closes write-ahead intents that never got an outcome: an ISSUE_REQUESTED older than the timeout
// with no other event of its intent means the process died between asking AWS and recording the
// answer. Credentials may exist that nobody recorded, so the request is closed as
// ISSUE_OUTCOME_UNKNOWN (highlighted to reviewers), never silently dropped. Safe to run from
// every instance at once: one transaction-scoped advisory lock lets one sweep at a time. The
// chain's lock is not held while the sweep searches: its events are appended together, in one
// statement at the end, so the lock is held only from that insert to the commit.
import type { Db } from '@/lib/db/create-client';
import { auditEventRow, type AuditEventInput } from './append-audit-event';

/** pg_advisory_xact_lock key of the sweep ("keyport-reconcile" as a stable number). */
const RECONCILE_LOCK = 7_401_000_001;
/** Older intents were closed by earlier sweeps; the bound keeps the scan on recent partitions. */
const LOOKBACK_MS = 7 * 86_400_000;

export async function reconcileStaleIntents(opts: { db: Db; timeoutSeconds: number; now?: Date; limit?: number }): Promise<{ closed: number }> {
  const now = opts.now ?? new Date();
  const cutoff = new Date(now.getTime() - opts.timeoutSeconds * 1000);
  return opts.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RECONCILE_LOCK})`;
      const requested = await tx.auditEvent.findMany({
        where: { type: 'ISSUE_REQUESTED', intentId: { not: null }, occurredAt: { lt: cutoff, gt: new Date(now.getTime() - LOOKBACK_MS) } },
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
        take: opts.limit ?? 500,
      });
      if (requested.length === 0) return { closed: 0 };
      const answered = await tx.auditEvent.findMany({
        // A chain's first hop (ISSUE_HOP_SUCCEEDED) is not the outcome: the second hop may still be lost.
        where: { intentId: { in: requested.flatMap((r) => (r.intentId ? [r.intentId] : [])) }, type: { notIn: ['ISSUE_REQUESTED', 'ISSUE_HOP_SUCCEEDED'] } },
        select: { intentId: true },
      });
      const done = new Set(answered.map((a) => a.intentId));
      const unknown: AuditEventInput[] = [];
      for (const r of requested) {
        if (!r.intentId || done.has(r.intentId)) continue;
        done.add(r.intentId);
        unknown.push({
          type: 'ISSUE_OUTCOME_UNKNOWN',
          outcome: 'unknown',
          actor: r.actorSub ? { sub: r.actorSub, email: r.actorEmail, name: r.actorName, groups: r.actorGroups, idpKind: r.idpKind ?? 'OIDC' } : null,
          intentId: r.intentId,
          requestId: r.requestId ?? undefined,
          mappingId: r.mappingId,
          roleArn: r.roleArn,
          accountId: r.accountId,
          sessionName: r.sessionName,
          durationSeconds: r.durationSeconds,
          region: r.region,
          sourceIp: r.sourceIp,
          userAgent: r.userAgent,
          details: {
            requestedEventId: r.id.toString(),
            requestedAt: r.occurredAt.toISOString(),
            timeoutSeconds: opts.timeoutSeconds,
            why: 'No outcome was recorded: the server stopped between asking AWS and recording the answer. Credentials may have been issued; check CloudTrail for this session name around this time.',
          },
        });
      }
      // createMany inserts in the order given, so the chain numbers them in that order.
      if (unknown.length > 0) await tx.auditEvent.createMany({ data: unknown.map(auditEventRow) });
      return { closed: unknown.length };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
