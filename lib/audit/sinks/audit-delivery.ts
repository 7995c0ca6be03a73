// Delivers the audit to one sink, at least once and in chain order, from the durable outbox the
// audit already is: the chained events themselves, read in seq order past the sink's cursor
// (audit_sink_cursors). The cursor moves only after the sink has accepted a batch, so a crash or
// an outage repeats events and never skips one; each carries a stable id for the receiver to
// drop repeats. Gap-free: appends hold the chain lock until they commit, so events become visible
// in seq order and an event past the cursor can never appear behind it later.
// One instance delivers to a sink at a time: it holds a session advisory lock for the sink on a
// connection of its own; the others stand by and take over when that connection goes (a crash
// included). A sink failing longer than the bound is logged as an error; /api/ready shows it.
import pg from 'pg';
import type { Logger } from '@/lib/log/logger';
import { CANONICAL_EVENT_COLUMNS, type CanonicalEventRow } from '../canonical-event';
import type { AuditSink } from './create-audit-sink';
import { sinkRecordOf } from './sink-record';

/** First key of the two-key (int4, int4) advisory lock; the second is hashtext(sink name). */
const SINK_LOCK = 74_010_004;

export interface DeliveryOptions {
  databaseUrl: string;
  sink: AuditSink;
  log: Logger;
  /** How long a sink may fail before it is logged as an error (AUDIT_SINK_MAX_LAG_SECONDS). */
  failingBoundMs: number;
  /** Poll interval when caught up. */
  idleMs?: number;
  /** How often a standby instance tries to take over. */
  standbyMs?: number;
  /** Longest wait between retries of a failing sink. */
  maxBackoffMs?: number;
  /** Told after each accepted batch (benchmarks, metrics). */
  onDelivered?: (d: { sink: string; count: number; oldestOccurredAt: Date }) => void;
}

export class AuditDelivery {
  private stopped = false;
  private wake: (() => void) | null = null;
  private client: pg.Client | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly o: DeliveryOptions) {}

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    await this.o.sink.close().catch(() => undefined);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(t);
        self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }

  private async run(): Promise<void> {
    const name = this.o.sink.name;
    const log = this.o.log.child({ sink: name });
    while (!this.stopped) {
      const client = new pg.Client({ connectionString: this.o.databaseUrl });
      client.on('error', () => undefined);
      this.client = client;
      try {
        await client.connect();
        const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [SINK_LOCK, name]);
        if (rows[0]?.ok !== true) {
          await client.end().catch(() => undefined);
          await this.sleep(this.o.standbyMs ?? 2_000);
          continue;
        }
        await client.query('INSERT INTO audit_sink_cursors (sink) VALUES ($1) ON CONFLICT (sink) DO NOTHING', [name]);
        await this.deliverWhileHolding(client, log);
      } catch (e) {
        if (!this.stopped) log.error('audit delivery lost its database connection; retrying', { error: e });
        await this.sleep(2_000);
      } finally {
        await client.end().catch(() => undefined);
        this.client = null;
      }
    }
  }

  private async deliverWhileHolding(client: pg.Client, log: Logger): Promise<void> {
    const name = this.o.sink.name;
    const { rows: cur } = await client.query<{ delivered_seq: string; failing_since: Date | null }>('SELECT delivered_seq::text, failing_since FROM audit_sink_cursors WHERE sink = $1', [name]);
    let deliveredSeq = BigInt(cur[0]?.delivered_seq ?? '0');
    let failingSince = cur[0]?.failing_since ?? null;
    let failures = 0;
    let reportedAt = 0;
    while (!this.stopped) {
      const { rows } = await client.query<CanonicalEventRow & { seq: string; hash: string; prev_hash: string }>(
        `SELECT ${CANONICAL_EVENT_COLUMNS} FROM audit_events e WHERE e.seq > $1::bigint ORDER BY e.seq LIMIT $2`,
        [deliveredSeq.toString(), this.o.sink.batch],
      );
      if (rows.length === 0) {
        await this.sleep(this.o.idleMs ?? 250);
        continue;
      }
      const last = rows[rows.length - 1];
      try {
        await this.o.sink.send(rows.map(sinkRecordOf));
      } catch (e) {
        failures++;
        const message = e instanceof Error ? e.message : 'delivery failed';
        const { rows: f } = await client.query<{ failing_since: Date }>(
          'UPDATE audit_sink_cursors SET failing_since = coalesce(failing_since, now()), last_error = $2, updated_at = now() WHERE sink = $1 RETURNING failing_since',
          [name, message.slice(0, 500)],
        );
        failingSince = f[0]?.failing_since ?? failingSince ?? new Date();
        const failingMs = Date.now() - failingSince.getTime();
        if (failures === 1) log.warn('audit sink refused a delivery; retrying with backoff', { error: message });
        if (failingMs > this.o.failingBoundMs && Date.now() - reportedAt > 60_000) {
          reportedAt = Date.now();
          log.error('audit sink has been failing longer than the bound', { failingSeconds: Math.round(failingMs / 1000), boundSeconds: this.o.failingBoundMs / 1000, error: message, pendingFromSeq: (deliveredSeq + 1n).toString() });
        }
        const backoff = Math.min(this.o.maxBackoffMs ?? 5_000, 250 * 2 ** Math.min(failures, 8));
        await this.sleep(backoff / 2 + Math.random() * (backoff / 2));
        continue;
      }
      if (!last) continue;
      deliveredSeq = BigInt(last.seq);
      await client.query('UPDATE audit_sink_cursors SET delivered_seq = $2, delivered_at = now(), failing_since = NULL, last_error = NULL, updated_at = now() WHERE sink = $1', [name, deliveredSeq.toString()]);
      if (failingSince) log.info('audit sink recovered', { deliveredSeq: deliveredSeq.toString() });
      failingSince = null;
      failures = 0;
      const first = rows[0];
      if (first) this.o.onDelivered?.({ sink: name, count: rows.length, oldestOccurredAt: first.occurred_at });
    }
  }
}
