// Signs audit checkpoints (issue #13): every N events or M minutes, the chain position, its hash
// and the time, signed with AUDIT_SIGNING_KEY and appended to the chain as an AUDIT_CHECKPOINT
// event — so it is stored in the database and delivered to every sink like any event. The signer
// signs only what it has verified itself: it recomputes each new event's hash in the application
// from the last checkpoint it trusts (one with its own valid signature), so a database rewritten
// behind Keyport's back never gets a checkpoint vouching for it. It never holds the chain lock
// while it reads and hashes; appending the checkpoint is one ordinary audit insert.
// One signer at a time across instances (a session advisory lock); the others skip their round.
import type pg from 'pg';
import type { Db } from '@/lib/db/create-client';
import { sqlPoolConnection } from '@/lib/db/create-client';
import { auditEventHash, canonicalEventOf, CANONICAL_EVENT_COLUMNS, type CanonicalEventRow } from './canonical-event';
import type { ChainBreak } from './chain-check';
import { checkCheckpointSignature, parseCheckpoint, signCheckpoint, type AuditCheckpoint, type SigningKey } from './checkpoint-signature';
import { recordAuditEvent } from './record-audit-event';

/** pg_try_advisory_lock key of the signer ("keyport-checkpoint" as a stable number). */
const CHECKPOINT_LOCK = 7_401_000_003;
const BATCH = 2000;

export interface SignerRound {
  signed: AuditCheckpoint[];
  /** The chain disagrees with what this signer verified or trusts: nothing was signed. */
  broken: ChainBreak | null;
  /** Another instance held the signer's lock. */
  skipped: boolean;
  verifiedSeq: string | null;
}

export class AuditCheckpointSigner {
  private verified: { seq: bigint; hash: string } | null = null;
  private last: { position: bigint; signedAt: number; scanFrom: bigint } | null = null;
  private readonly startedAt: number;

  constructor(
    private readonly opts: {
      db: Db;
      key: SigningKey;
      everyEvents: number;
      everyMs: number;
      maxEventsPerRound?: number;
      now?: () => Date;
    },
  ) {
    this.startedAt = this.now().getTime();
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  async round(): Promise<SignerRound> {
    const conn = await sqlPoolConnection(this.opts.db);
    let locked = false;
    try {
      const { rows: lockRows } = await conn.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [CHECKPOINT_LOCK]);
      locked = lockRows[0]?.ok === true;
      if (!locked) return { signed: [], broken: null, skipped: true, verifiedSeq: this.verified?.seq.toString() ?? null };
      const result = await this.verifyAndSign(conn);
      return { ...result, skipped: false, verifiedSeq: this.verified?.seq.toString() ?? null };
    } finally {
      if (locked) await conn.query('SELECT pg_advisory_unlock($1)', [CHECKPOINT_LOCK]).catch(() => undefined);
      conn.release();
    }
  }

  private async verifyAndSign(conn: pg.PoolClient): Promise<{ signed: AuditCheckpoint[]; broken: ChainBreak | null }> {
    const { rows: states } = await conn.query<{ head_seq: string; anchor_seq: string; anchor_hash: string }>('SELECT head_seq::text, anchor_seq::text, anchor_hash FROM audit_chain_state WHERE id = 1');
    const state = states[0];
    if (!state) return { signed: [], broken: { eventId: null, seq: null, problem: 'missing-tail', message: 'the chain state row is missing' } };
    const headSeq = BigInt(state.head_seq);
    const anchor = { seq: BigInt(state.anchor_seq), hash: state.anchor_hash };

    // The newest checkpoint in the database since the one this signer knows (another instance's,
    // or its own from before a restart): trusted only with a valid signature of our key, and only
    // if the chain still has that hash at that position.
    const { rows: cps } = await conn.query<{ id: string; seq: string; details_text: string }>(
      "SELECT id::text, seq::text, details::text AS details_text FROM audit_events WHERE type = 'AUDIT_CHECKPOINT' AND seq > $1 ORDER BY seq DESC LIMIT 1",
      [(this.last?.scanFrom ?? anchor.seq).toString()],
    );
    const found = cps[0];
    if (found) {
      const cp = parseCheckpoint(JSON.parse(found.details_text));
      const trust = cp ? checkCheckpointSignature(new Map([[this.opts.key.keyId, this.opts.key.publicKey]]), cp) : 'invalid';
      if (!cp || trust === 'invalid') {
        return { signed: [], broken: { eventId: found.id, seq: found.seq, problem: 'checkpoint-forged', message: `event ${found.id}: an AUDIT_CHECKPOINT without a valid signature` } };
      }
      const position = BigInt(cp.position);
      if (trust === 'valid' && position >= anchor.seq && (!this.verified || position > this.verified.seq)) {
        const { rows } = await conn.query<{ hash: string | null }>('SELECT hash FROM audit_events WHERE seq = $1', [cp.position]);
        const atPosition = position === anchor.seq ? anchor.hash : rows[0]?.hash;
        if (atPosition !== cp.headHash) {
          return { signed: [], broken: { eventId: null, seq: cp.position, problem: 'checkpoint-mismatch', message: `chain position ${cp.position} no longer has the hash the checkpoint of event ${found.id} signed` } };
        }
        this.verified = { seq: position, hash: cp.headHash };
      }
      if (trust === 'valid' && (!this.last || position > this.last.position)) this.last = { position, signedAt: Date.parse(cp.signedAt), scanFrom: BigInt(found.seq) };
    }
    // Nothing trusted yet, or retention dropped what was: start from the retention anchor.
    if (!this.verified || this.verified.seq < anchor.seq) this.verified = { ...anchor };

    const signed: AuditCheckpoint[] = [];
    const sign = async (position: bigint, hash: string) => {
      const at = this.now();
      const cp = signCheckpoint(this.opts.key, { position, headHash: hash, signedAt: at, every: this.opts.everyEvents });
      await recordAuditEvent(this.opts.db, { type: 'AUDIT_CHECKPOINT', actor: null, outcome: 'success', details: { ...cp } });
      signed.push(cp);
      this.last = { position, signedAt: at.getTime(), scanFrom: position };
    };

    const most = BigInt(this.opts.maxEventsPerRound ?? 20_000);
    let cur: { seq: bigint; hash: string } = this.verified;
    const until = headSeq < cur.seq + most ? headSeq : cur.seq + most;
    while (cur.seq < until) {
      const { rows } = await conn.query<CanonicalEventRow>(
        `SELECT ${CANONICAL_EVENT_COLUMNS} FROM audit_events e WHERE e.seq > $1::bigint AND e.seq <= $2::bigint ORDER BY e.seq, e.id LIMIT ${BATCH}`,
        [cur.seq.toString(), until.toString()],
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        const seq = BigInt(r.seq ?? '0');
        const recomputed = r.prev_hash === null || r.seq === null ? null : auditEventHash(r.prev_hash, canonicalEventOf({ ...r, seq: r.seq }));
        if (seq !== cur.seq + 1n || r.prev_hash !== cur.hash || r.hash === null || r.hash !== recomputed) {
          return { signed, broken: { eventId: r.id, seq: r.seq, problem: 'unlinked', message: `event ${r.id} (chain position ${r.seq}) does not continue the chain this signer verified up to position ${cur.seq}` } };
        }
        cur = { seq, hash: r.hash };
        this.verified = cur;
        if (seq - (this.last?.position ?? anchor.seq) >= BigInt(this.opts.everyEvents)) await sign(seq, r.hash);
      }
    }
    const lastAt = this.last?.signedAt ?? this.startedAt;
    if (cur.seq > (this.last?.position ?? anchor.seq) && this.now().getTime() - lastAt >= this.opts.everyMs) await sign(cur.seq, cur.hash);
    return { signed, broken: null };
  }
}
