// Retention: drops whole monthly partitions older than the configured months — never single
// rows, which the database refuses anyway. In one transaction holding the chain's lock: the
// partitions go, the first retained event's predecessor (seq and hash) becomes the chain's
// checkpoint, the people seen only in dropped events leave audit_actors, and RETENTION_APPLIED is
// appended, so the chain stays verifiable from there.
import type { Db } from '@/lib/db/create-client';
import { appendAuditEvent } from './append-audit-event';
import { AUDIT_CHAIN_LOCK } from './audit-chain-lock';
import { PARTITION_NAME, partitionsToDrop, retentionCutoff } from './retention-cutoff';

export async function applyAuditRetention(opts: { db: Db; retentionMonths: number; now?: Date }): Promise<{ dropped: string[]; rows: number }> {
  if (opts.retentionMonths <= 0) return { dropped: [], rows: 0 };
  const cutoff = retentionCutoff(opts.now ?? new Date(), opts.retentionMonths);
  return opts.db.$transaction(
    async (tx) => {
      // The lock every append takes (trigger audit_events_chain): nothing is chained while the
      // checkpoint moves.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
      const parts = await tx.$queryRaw<{ name: string }[]>`
        SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'audit_events'::regclass`;
      const drop = partitionsToDrop(
        parts.map((p) => p.name),
        cutoff,
      );
      if (drop.length === 0) return { dropped: [], rows: 0 };
      let rows = 0;
      for (const name of drop) {
        if (!PARTITION_NAME.test(name)) throw new Error(`refusing to drop ${name}`);
        const [count] = await tx.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${name}"`);
        rows += Number(count?.n ?? 0n);
        await tx.$executeRawUnsafe(`DROP TABLE "${name}"`);
      }
      // The people known only from dropped events leave the search's index of people too (their
      // e-mail and name are kept no longer than their events). last_seen_at lags by up to an hour;
      // an old event that stayed (in the DEFAULT partition) keeps its person.
      await tx.$executeRaw`
        DELETE FROM audit_actors a
         WHERE a.last_seen_at < ${cutoff}::timestamptz - interval '1 hour'
           AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.actor_sub = a.sub AND e.occurred_at < ${cutoff}::timestamptz)`;
      const [first] = await tx.$queryRaw<{ seq: bigint; prev_hash: string }[]>`
        SELECT seq, prev_hash FROM audit_events WHERE seq IS NOT NULL ORDER BY seq LIMIT 1`;
      if (first) {
        await tx.$executeRaw`UPDATE audit_chain_state SET anchor_seq = ${first.seq - 1n}, anchor_hash = ${first.prev_hash} WHERE id = 1`;
      } else {
        await tx.$executeRaw`UPDATE audit_chain_state SET anchor_seq = head_seq, anchor_hash = head_hash WHERE id = 1`;
      }
      await appendAuditEvent(tx, {
        type: 'RETENTION_APPLIED',
        actor: null,
        outcome: 'success',
        details: { retentionMonths: opts.retentionMonths, cutoff: cutoff.toISOString(), partitions: drop, rows, checkpointSeq: first ? (first.seq - 1n).toString() : null },
      });
      return { dropped: drop, rows };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
