// Holds the audit chain against signed checkpoints and, when given, the hashes an external sink
// recorded. Pure. The chain alone proves only that it is consistent with itself; whoever controls
// the database can rewrite an event and recompute every hash after it. They cannot sign a
// checkpoint, so the first signed checkpoint after the rewrite no longer matches: the range from the
// last matching checkpoint to it holds the change, and its first event is named. With the sink's
// record of every event's hash the exact event is named. A checkpoint beyond the chain's end
// means events were deleted from the end.
import type { ChainBreak } from './chain-check';
import type { AuditCheckpoint } from './checkpoint-signature';

export interface SourcedCheckpoint {
  checkpoint: AuditCheckpoint;
  /** Where it came from, for the message: "database event 123", "checkpoints.jsonl line 7". */
  source: string;
}

/** An event's hash as an external record (a sink's JSON Lines) has it. */
export interface Witness {
  hash: string;
  source: string;
}

export class CheckpointCheck {
  private readonly byPosition = new Map<bigint, SourcedCheckpoint[]>();
  private readonly beyond: SourcedCheckpoint[];
  private lastGood: bigint;
  private lastGoodEvery: number | null = null;
  private firstAfterGood: { id: string; seq: bigint } | null = null;
  matched = 0;
  /** Signed before the first retained event (retention dropped what they cover). */
  retained = 0;

  constructor(
    checkpoints: readonly SourcedCheckpoint[],
    private readonly anchor: { seq: bigint; hash: string },
    private readonly witnesses: ReadonlyMap<string, Witness> = new Map(),
  ) {
    this.lastGood = anchor.seq;
    const sorted = [...checkpoints].sort((a, b) => (BigInt(a.checkpoint.position) < BigInt(b.checkpoint.position) ? -1 : 1));
    this.beyond = sorted;
    for (const c of sorted) {
      const p = BigInt(c.checkpoint.position);
      if (p < anchor.seq) this.retained++;
      else if (p === anchor.seq) {
        if (c.checkpoint.headHash === anchor.hash) this.matched++;
      } else this.byPosition.set(p, [...(this.byPosition.get(p) ?? []), c]);
    }
  }

  /** A break at the anchor itself (a checkpoint at the retention boundary that disagrees). */
  start(): ChainBreak | null {
    const bad = this.beyond.find((c) => BigInt(c.checkpoint.position) === this.anchor.seq && c.checkpoint.headHash !== this.anchor.hash);
    if (!bad) return null;
    return { eventId: null, seq: this.anchor.seq.toString(), problem: 'checkpoint-mismatch', message: `the chain's retention anchor (position ${this.anchor.seq}) disagrees with the checkpoint signed at ${bad.checkpoint.signedAt} (${bad.source})` };
  }

  /** Each chained event in seq order, after the chain itself found it sound. */
  feed(e: { seq: bigint; id: string; hash: string }): ChainBreak | null {
    this.firstAfterGood ??= { id: e.id, seq: e.seq };
    const w = this.witnesses.get(e.seq.toString());
    if (w && w.hash !== e.hash) {
      return {
        eventId: e.id,
        seq: e.seq.toString(),
        problem: 'disagrees-with-record',
        message: `event ${e.id} (chain position ${e.seq}) does not have the hash ${w.source} recorded for that position: it was changed, replaced or inserted, and the chain recomputed after it`,
      };
    }
    for (const c of this.byPosition.get(e.seq) ?? []) {
      if (c.checkpoint.headHash !== e.hash) {
        const first = this.firstAfterGood ?? { id: e.id, seq: e.seq };
        return {
          eventId: first.id,
          seq: first.seq.toString(),
          problem: 'checkpoint-mismatch',
          message:
            `event ${first.id} (chain position ${first.seq}) is the first of positions ${first.seq}…${e.seq} that disagree with the checkpoint signed at ${c.checkpoint.signedAt} for position ${e.seq} (${c.source}): ` +
            'an event in this range was changed, inserted or deleted and the chain recomputed',
        };
      }
      this.matched++;
      this.lastGood = e.seq;
      this.lastGoodEvery = c.checkpoint.every;
      this.firstAfterGood = null;
    }
    return null;
  }

  /** After the last event: checkpoints past the end of the chain mean events were deleted. */
  finish(head: bigint): ChainBreak | null {
    let recorded: { seq: bigint; source: string } | null = null;
    for (const [seq, w] of this.witnesses) if (BigInt(seq) > head && (!recorded || BigInt(seq) > recorded.seq)) recorded = { seq: BigInt(seq), source: w.source };
    const past = this.beyond.filter((c) => BigInt(c.checkpoint.position) > head);
    const far = past[past.length - 1];
    if (recorded && (!far || recorded.seq > BigInt(far.checkpoint.position))) {
      return {
        eventId: null,
        seq: (head + 1n).toString(),
        problem: 'checkpoint-missing-events',
        message: `${recorded.source} records an event at chain position ${recorded.seq}, but the chain ends at ${head}: events ${head + 1n}…${recorded.seq} were deleted`,
      };
    }
    if (far) {
      return {
        eventId: null,
        seq: (head + 1n).toString(),
        problem: 'checkpoint-missing-events',
        message: `the checkpoint signed at ${far.checkpoint.signedAt} (${far.source}) covers chain position ${far.checkpoint.position}, but the chain ends at ${head}: events ${head + 1n}…${far.checkpoint.position} were deleted`,
      };
    }
    return null;
  }

  /** Events after the newest matching checkpoint, and the cadence it was signed with. */
  uncovered(head: bigint): { after: bigint; count: bigint; every: number | null } {
    return { after: this.lastGood, count: head - this.lastGood, every: this.lastGoodEvery };
  }
}
