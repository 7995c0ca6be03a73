// Records one audit event in a transaction of its own, and resolves only once it is committed.
// Events recorded while an earlier write is in flight are committed together, in one multi-row
// INSERT (group commit): every chained append holds the chain lock until its commit is on disk,
// so one WAL flush per event would cap the whole service at 1 / (flush time) events a second.
// Alone, an event is written at once, as a single insert would be.
// For an event that must commit together with a change, use appendAuditEvent inside that
// change's transaction instead.
import type { Db } from '@/lib/db/create-client';
import type { Prisma } from '@/lib/db/generated/client';
import { auditEventRow, type AuditEventInput } from './append-audit-event';

/** A multi-row INSERT's size stays bounded however long the queue grows. */
const MAX_BATCH = 200;

interface Pending {
  row: Prisma.AuditEventCreateManyInput;
  resolve: () => void;
  reject: (e: unknown) => void;
}

type AuditDb = Pick<Db, 'auditEvent'>;

class AuditGroupCommit {
  private queue: Pending[] = [];
  private draining = false;

  constructor(private readonly db: AuditDb) {}

  record(row: Prisma.AuditEventCreateManyInput): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) await this.write(this.queue.splice(0, MAX_BATCH));
    } finally {
      this.draining = false;
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      await this.db.auditEvent.createMany({ data: batch.map((p) => p.row) });
      for (const p of batch) p.resolve();
      return;
    } catch (e) {
      if (batch.length === 1) {
        batch[0]?.reject(e);
        return;
      }
    }
    // The batch failed as a whole (one INSERT is all or nothing). So that one bad event (say, input
    // PostgreSQL cannot store) refuses only its own request, each is tried again alone.
    for (const p of batch) {
      try {
        await this.db.auditEvent.createMany({ data: [p.row] });
        p.resolve();
      } catch (e) {
        p.reject(e);
      }
    }
  }
}

const writers = new WeakMap<AuditDb, AuditGroupCommit>();

export async function recordAuditEvent(db: AuditDb, e: AuditEventInput): Promise<void> {
  // Checked here, so a refused event fails alone and before anything is queued.
  const row = auditEventRow(e);
  let writer = writers.get(db);
  if (!writer) {
    writer = new AuditGroupCommit(db);
    writers.set(db, writer);
  }
  await writer.record(row);
}
