// Verifies the audit hash chain from its retention anchor to its head, in seq batches, and names
// the first event that breaks it: one edited (its content no longer matches its hash), deleted (a
// gap), inserted directly in SQL bypassing the trigger (no chain position, or a repeated one) — and,
// against the signed checkpoints, one rewritten by someone who recomputed the chain after it.
// Every hash is recomputed here from the event's canonical content (canonical-event.ts), never by
// a database function: the database's owner could have replaced one. Checkpoints come from the
// database (AUDIT_CHECKPOINT events) and, optionally, from outside it (a sink's file); they count
// only with a valid Ed25519 signature by a trusted key. Used by "Verify integrity" and
// `npm run audit:verify`; no Next.js imports.
import type { KeyObject } from 'node:crypto';
import { sqlPool, type Db } from '@/lib/db/create-client';
import { auditEventHash, canonicalEventOf, CANONICAL_EVENT_COLUMNS, type CanonicalEventRow } from './canonical-event';
import { ChainChecker, type ChainBreak } from './chain-check';
import { CheckpointCheck, type SourcedCheckpoint, type Witness } from './checkpoint-check';
import { checkCheckpointSignature, parseCheckpoint } from './checkpoint-signature';

export interface AuditChainReport {
  ok: boolean;
  /** Events checked, from the first retained one. */
  checked: number;
  anchorSeq: string;
  headSeq: string;
  firstBroken: ChainBreak | null;
  /** Signed checkpoints the chain matched, and the newest position one covers. */
  checkpoints: { matched: number; newestPosition: string | null; newestSignedAt: string | null };
  /** What this check could not vouch for (no verification key, events not yet covered …). */
  warnings: string[];
  verifiedAt: string;
}

export interface ExternalRecord {
  checkpoints: SourcedCheckpoint[];
  /** Event hashes by chain position (decimal), as a sink recorded them. */
  witnesses: Map<string, Witness>;
}

export async function verifyAuditChain(opts: {
  db: Db;
  batchSize?: number;
  /** Trusted checkpoint keys by key id (checkpoint-signature.ts verificationKeys). */
  keys?: ReadonlyMap<string, KeyObject>;
  external?: ExternalRecord;
}): Promise<AuditChainReport> {
  const pool = sqlPool(opts.db);
  const batchSize = opts.batchSize ?? 5000;
  const keys = opts.keys ?? new Map<string, KeyObject>();
  const warnings: string[] = [];
  let newest: SourcedCheckpoint | null = null;
  let matched = 0;
  const report = (checked: number, anchorSeq: bigint, headSeq: bigint, firstBroken: ChainBreak | null): AuditChainReport => ({
    ok: firstBroken === null,
    checked,
    anchorSeq: anchorSeq.toString(),
    headSeq: headSeq.toString(),
    firstBroken,
    checkpoints: { matched, newestPosition: newest?.checkpoint.position ?? null, newestSignedAt: newest?.checkpoint.signedAt ?? null },
    warnings,
    verifiedAt: new Date().toISOString(),
  });

  // The head is read first: every event up to it is committed (it moves in the inserting
  // transaction), and events appended while we verify are left for the next run.
  const { rows: states } = await pool.query<{ head_seq: string; head_hash: string; anchor_seq: string; anchor_hash: string }>(
    'SELECT head_seq::text, head_hash, anchor_seq::text, anchor_hash FROM audit_chain_state WHERE id = 1',
  );
  const state = states[0];
  if (!state) return report(0, 0n, 0n, { eventId: null, seq: null, problem: 'missing-tail', message: 'the chain state row is missing' });
  const anchor = { seq: BigInt(state.anchor_seq), hash: state.anchor_hash };
  const head = { seq: BigInt(state.head_seq), hash: state.head_hash };

  const { rows: unchained } = await pool.query<CanonicalEventRow>(
    `SELECT ${CANONICAL_EVENT_COLUMNS} FROM audit_events e WHERE e.seq IS NULL OR e.hash IS NULL OR e.prev_hash IS NULL ORDER BY e.occurred_at, e.id LIMIT 1`,
  );
  if (unchained[0]) {
    const u = unchained[0];
    const b = new ChainChecker(anchor).feed({ id: u.id, occurredAt: u.occurred_at, seq: null, prevHash: u.prev_hash, hash: u.hash, recomputed: null });
    return report(0, anchor.seq, head.seq, b);
  }

  // Checkpoints: those in the database are events of the chain; each must carry a valid signature.
  const checkpoints: SourcedCheckpoint[] = [];
  const { rows: cpRows } = await pool.query<{ id: string; details_text: string }>(
    "SELECT e.id::text AS id, e.details::text AS details_text FROM audit_events e WHERE e.type = 'AUDIT_CHECKPOINT' AND e.seq > $1 AND e.seq <= $2 ORDER BY e.seq",
    [anchor.seq.toString(), head.seq.toString()],
  );
  let unknownKeys = 0;
  const candidates: { checkpoint: ReturnType<typeof parseCheckpoint>; source: string; eventId: string | null }[] = [
    ...cpRows.map((r) => ({ checkpoint: parseCheckpoint(JSON.parse(r.details_text)), source: `database event ${r.id}`, eventId: r.id })),
    ...(opts.external?.checkpoints ?? []).map((c) => ({ checkpoint: c.checkpoint, source: c.source, eventId: null })),
  ];
  for (const c of candidates) {
    const trust = c.checkpoint ? checkCheckpointSignature(keys, c.checkpoint) : 'invalid';
    if (trust === 'unknown-key') {
      unknownKeys++;
      continue;
    }
    if (trust === 'invalid' || !c.checkpoint) {
      return report(0, anchor.seq, head.seq, {
        eventId: c.eventId,
        seq: c.checkpoint?.position ?? null,
        problem: 'checkpoint-forged',
        message: `${c.eventId ? `event ${c.eventId}: ` : ''}the checkpoint of ${c.source} does not carry a valid signature of the key it names (forged or altered)`,
      });
    }
    checkpoints.push({ checkpoint: c.checkpoint, source: c.source });
    if (!newest || BigInt(c.checkpoint.position) > BigInt(newest.checkpoint.position)) newest = { checkpoint: c.checkpoint, source: c.source };
  }
  if (keys.size === 0) warnings.push('no checkpoint verification key (AUDIT_SIGNING_KEY or AUDIT_VERIFY_KEYS): the chain was checked against itself only, which its database owner could recompute');
  else if (unknownKeys > 0) warnings.push(`${unknownKeys} checkpoint(s) signed by keys not configured here were not checked (add their public keys to AUDIT_VERIFY_KEYS)`);

  const cps = new CheckpointCheck(checkpoints, anchor, opts.external?.witnesses);
  const startBreak = cps.start();
  if (startBreak) return report(0, anchor.seq, head.seq, startBreak);

  const checker = new ChainChecker(anchor);
  let afterSeq = anchor.seq;
  let afterId = -1n;
  for (;;) {
    const { rows } = await pool.query<CanonicalEventRow>(
      `SELECT ${CANONICAL_EVENT_COLUMNS} FROM audit_events e
        WHERE (e.seq, e.id) > ($1::bigint, $2::bigint) AND e.seq <= $3::bigint
        ORDER BY e.seq, e.id LIMIT $4`,
      [afterSeq.toString(), afterId.toString(), head.seq.toString(), batchSize],
    );
    for (const r of rows) {
      const seq = BigInt(r.seq ?? '0');
      const recomputed = r.prev_hash === null || r.seq === null ? null : auditEventHash(r.prev_hash, canonicalEventOf({ ...r, seq: r.seq }));
      const broken = checker.feed({ id: r.id, occurredAt: r.occurred_at, seq, prevHash: r.prev_hash, hash: r.hash, recomputed });
      if (broken) {
        matched = cps.matched;
        return report(checker.checked, anchor.seq, head.seq, broken);
      }
      const against = cps.feed({ seq, id: r.id, hash: r.hash ?? '' });
      if (against) {
        matched = cps.matched;
        return report(checker.checked, anchor.seq, head.seq, against);
      }
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < batchSize) break;
    afterSeq = BigInt(last.seq ?? '0');
    afterId = BigInt(last.id);
  }
  matched = cps.matched;
  const end = checker.finish(head) ?? cps.finish(head.seq);
  if (!end && keys.size > 0) {
    const u = cps.uncovered(head.seq);
    if (u.count > 0n) warnings.push(`the newest ${u.count} event(s) (after chain position ${u.after}) are not yet covered by a signed checkpoint`);
  }
  return report(checker.checked, anchor.seq, head.seq, end);
}
