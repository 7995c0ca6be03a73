// Retention: drops whole monthly partitions older than the configured months — never single
// rows, which the database refuses anyway. No lock any append needs is held over slow work:
//   1. each expired partition is detached CONCURRENTLY (PostgreSQL waits for the transactions that
//      may still read it without blocking inserts into the others; the audit table has no DEFAULT
//      partition, which would forbid this — migration 20261201120000);
//   2. its rows are counted, outside any transaction;
//   3. one short transaction holding the chain's lock moves the chain's anchor to the first retained
//      event's predecessor (seq and hash) and appends RETENTION_APPLIED, so the chain stays
//      verifiable;
//   4. the detached tables are dropped, and the people seen only in dropped events leave
//      audit_actors — again outside the chain's lock.
// A run interrupted after a detach finishes it next time (FINALIZE, or the detached table found
// by name). Needs the tables' owner: the portal runs it with DATABASE_MIGRATION_URL.
import { sqlPool, type Db } from '@/lib/db/create-client';
import { appendAuditEvent } from './append-audit-event';
import { AUDIT_CHAIN_LOCK } from './audit-chain-lock';
import { PARTITION_NAME, partitionsToDrop, retentionCutoff } from './retention-cutoff';

export async function applyAuditRetention(opts: { db: Db; retentionMonths: number; now?: Date }): Promise<{ dropped: string[]; rows: number }> {
  if (opts.retentionMonths <= 0) return { dropped: [], rows: 0 };
  const cutoff = retentionCutoff(opts.now ?? new Date(), opts.retentionMonths);
  const pool = sqlPool(opts.db);
  const { rows: attached } = await pool.query<{ name: string; pending: boolean }>(
    `SELECT c.relname AS name, i.inhdetachpending AS pending FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'audit_events'::regclass`,
  );
  // Detached by an earlier run that stopped before dropping them.
  const { rows: leftovers } = await pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND NOT c.relispartition AND c.relname ~ '^audit_events_p[0-9]{6}$'`,
  );
  const drop = partitionsToDrop([...attached.map((p) => p.name), ...leftovers.map((p) => p.name)], cutoff);
  if (drop.length === 0) return { dropped: [], rows: 0 };
  const pending = new Map(attached.map((p) => [p.name, p.pending]));

  let rows = 0;
  for (const name of drop) {
    if (!PARTITION_NAME.test(name)) throw new Error(`refusing to drop ${name}`);
    if (pending.get(name) === true) await pool.query(`ALTER TABLE "audit_events" DETACH PARTITION "${name}" FINALIZE`);
    else if (pending.has(name)) await pool.query(`ALTER TABLE "audit_events" DETACH PARTITION "${name}" CONCURRENTLY`);
    const { rows: count } = await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${name}"`);
    rows += Number(count[0]?.n ?? 0);
  }

  await opts.db.$transaction(
    async (tx) => {
      // The lock every append takes (trigger audit_events_chain): nothing is chained while the
      // anchor moves. Two quick statements and an append: the rows are already detached.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
      const [first] = await tx.$queryRaw<{ seq: bigint; prev_hash: string }[]>`
        SELECT seq, prev_hash FROM audit_events WHERE seq IS NOT NULL ORDER BY seq LIMIT 1`;
      if (first) {
        await tx.$executeRaw`UPDATE audit_chain_state SET anchor_seq = ${first.seq - 1n}, anchor_hash = ${first.prev_hash} WHERE id = 1`;
      } else {
        await tx.$executeRaw`UPDATE audit_chain_state SET anchor_seq = head_seq, anchor_hash = head_hash WHERE id = 1`;
      }
      const seq = first ? (first.seq - 1n).toString() : null;
      await appendAuditEvent(tx, {
        type: 'RETENTION_APPLIED',
        actor: null,
        outcome: 'success',
        details: { retentionMonths: opts.retentionMonths, cutoff: cutoff.toISOString(), partitions: drop, rows, checkpointSeq: seq },
      });
    },
    { timeout: 30_000, maxWait: 30_000 },
  );

  for (const name of drop) await pool.query(`DROP TABLE IF EXISTS "${name}"`);
  // The people known only from dropped events leave the search's index of people too (their
  // e-mail and name are kept no longer than their events). last_seen_at lags by up to an hour.
  await pool.query(
    `DELETE FROM audit_actors a
      WHERE a.last_seen_at < $1::timestamptz - interval '1 hour'
        AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.actor_sub = a.sub AND e.occurred_at < $1::timestamptz)`,
    [cutoff.toISOString()],
  );
  return { dropped: drop, rows };
}
