// Walks the audit hash chain in seq order and names the first event that breaks it. Pure: the
// caller recomputes each row's hash in the application (canonical-event.ts) and this decides what
// the rows mean. A chain that is consistent in itself can still have been recomputed by someone
// who controls the database: checkpoint-check.ts holds it against signed checkpoints.
export interface ChainRow {
  id: string;
  occurredAt: Date;
  seq: bigint | null;
  prevHash: string | null;
  hash: string | null;
  /** The hash recomputed from the row's content as it is now. */
  recomputed: string | null;
}

export interface ChainBreak {
  eventId: string | null;
  seq: string | null;
  problem:
    | 'not-chained'
    | 'edited'
    | 'missing-predecessor'
    | 'duplicate'
    | 'unlinked'
    | 'missing-tail'
    // Against signed checkpoints and external records (checkpoint-check.ts):
    | 'checkpoint-mismatch'
    | 'checkpoint-forged'
    | 'checkpoint-missing-events'
    | 'checkpoint-gap'
    | 'disagrees-with-record';
  message: string;
}

export class ChainChecker {
  private expectedSeq: bigint;
  private prevHash: string;
  checked = 0;

  constructor(anchor: { seq: bigint; hash: string }) {
    this.expectedSeq = anchor.seq + 1n;
    this.prevHash = anchor.hash;
  }

  /** The next row (seq ascending); returns the break it shows, if any. */
  feed(row: ChainRow): ChainBreak | null {
    const at = (problem: ChainBreak['problem'], message: string): ChainBreak => ({ eventId: row.id, seq: row.seq?.toString() ?? null, problem, message: `event ${row.id}: ${message}` });
    if (row.seq === null || row.hash === null || row.prevHash === null) {
      return at('not-chained', 'has no place in the hash chain (it was inserted bypassing the chain trigger)');
    }
    if (row.seq < this.expectedSeq) return at('duplicate', `repeats chain position ${row.seq} (an event was inserted directly in SQL)`);
    if (row.hash !== row.recomputed) return at('edited', `its content no longer matches its hash (it was changed after it was written)`);
    if (row.seq > this.expectedSeq) {
      return at('missing-predecessor', `chain position ${this.expectedSeq}${row.seq - 1n > this.expectedSeq ? `…${row.seq - 1n}` : ''} before it is missing (deleted)`);
    }
    if (row.prevHash !== this.prevHash) return at('unlinked', 'does not name its predecessor\'s hash (an event before it was replaced)');
    this.expectedSeq = row.seq + 1n;
    this.prevHash = row.hash;
    this.checked++;
    return null;
  }

  /** After the last row: the chain head recorded by the database must be the last row seen. */
  finish(head: { seq: bigint; hash: string }): ChainBreak | null {
    if (head.seq === this.expectedSeq - 1n && head.hash === this.prevHash) return null;
    if (head.seq > this.expectedSeq - 1n) {
      return { eventId: null, seq: (this.expectedSeq).toString(), problem: 'missing-tail', message: `the newest events (chain position ${this.expectedSeq}…${head.seq}) are missing (deleted)` };
    }
    return { eventId: null, seq: head.seq.toString(), problem: 'unlinked', message: 'the recorded chain head does not match the newest event' };
  }
}
