// Verifies the audit hash chain from its checkpoint to its head, in seq batches, and names the
// first event that breaks it: one edited (its content no longer matches its hash), deleted (a
// gap), or inserted directly in SQL bypassing the trigger (no chain position, or a repeated one).
// The database recomputes each hash with the very function its trigger used (audit_event_hash).
// Used by the "Verify integrity" button and by `npm run audit:verify`; no Next.js imports.
import type { Db } from '@/lib/db/create-client';
import { ChainChecker, type ChainBreak, type ChainRow } from './chain-check';

export interface AuditChainReport {
  ok: boolean;
  /** Events checked, from the first retained one. */
  checked: number;
  anchorSeq: string;
  headSeq: string;
  firstBroken: ChainBreak | null;
  verifiedAt: string;
}

interface RawRow {
  id: string;
  occurred_at: Date;
  seq: bigint | null;
  prev_hash: string | null;
  hash: string | null;
  recomputed: string | null;
}

const toRow = (r: RawRow): ChainRow => ({ id: r.id, occurredAt: r.occurred_at, seq: r.seq, prevHash: r.prev_hash, hash: r.hash, recomputed: r.recomputed });

export async function verifyAuditChain(opts: { db: Db; batchSize?: number }): Promise<AuditChainReport> {
  const { db } = opts;
  const batchSize = opts.batchSize ?? 5000;
  const report = (checked: number, anchorSeq: bigint, headSeq: bigint, firstBroken: ChainBreak | null): AuditChainReport => ({
    ok: firstBroken === null,
    checked,
    anchorSeq: anchorSeq.toString(),
    headSeq: headSeq.toString(),
    firstBroken,
    verifiedAt: new Date().toISOString(),
  });

  // The head is read first: every event up to it is committed (it moves in the inserting
  // transaction), and events appended while we verify are left for the next run.
  const [state] = await db.$queryRaw<{ head_seq: bigint; head_hash: string; anchor_seq: bigint; anchor_hash: string }[]>`
    SELECT head_seq, head_hash, anchor_seq, anchor_hash FROM audit_chain_state WHERE id = 1`;
  if (!state) {
    return report(0, 0n, 0n, { eventId: null, seq: null, problem: 'missing-tail', message: 'the chain state row is missing' });
  }

  const [unchained] = await db.$queryRaw<RawRow[]>`
    SELECT id::text AS id, occurred_at, seq, prev_hash, hash, NULL::text AS recomputed FROM audit_events
     WHERE seq IS NULL OR hash IS NULL OR prev_hash IS NULL ORDER BY occurred_at, id LIMIT 1`;
  if (unchained) {
    const b = new ChainChecker({ seq: state.anchor_seq, hash: state.anchor_hash }).feed(toRow(unchained));
    return report(0, state.anchor_seq, state.head_seq, b);
  }

  const checker = new ChainChecker({ seq: state.anchor_seq, hash: state.anchor_hash });
  let afterSeq = state.anchor_seq;
  let afterId = -1n;
  for (;;) {
    const rows = await db.$queryRaw<RawRow[]>`
      SELECT e.id::text AS id, e.occurred_at, e.seq, e.prev_hash, e.hash, audit_event_hash(e.prev_hash, e) AS recomputed
        FROM audit_events e
       WHERE (e.seq, e.id) > (${afterSeq}, ${afterId}) AND e.seq <= ${state.head_seq}
       ORDER BY e.seq, e.id
       LIMIT ${batchSize}`;
    for (const r of rows) {
      const broken = checker.feed(toRow(r));
      if (broken) return report(checker.checked, state.anchor_seq, state.head_seq, broken);
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < batchSize) break;
    afterSeq = last.seq ?? afterSeq;
    afterId = BigInt(last.id);
  }
  return report(checker.checked, state.anchor_seq, state.head_seq, checker.finish({ seq: state.head_seq, hash: state.head_hash }));
}
