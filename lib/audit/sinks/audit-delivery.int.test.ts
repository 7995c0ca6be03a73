// Delivery of the audit to sinks against a real database and real local collectors (issue #13):
// at least once, in order, through outages and a killed deliverer, one deliverer per sink.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { createTestDatabase, type TestDatabase } from '@/lib/audit/test-database';
import { createPrismaClient, sqlPool, type Db } from '@/lib/db/create-client';
import { createLogger } from '@/lib/log/logger';
import { firstArrivals, startAuditCollector } from '@/test/audit-collector';
import { AuditDelivery } from './audit-delivery';
import { createAuditSink } from './create-audit-sink';
import { readSinkStatus } from './sink-status';

const quiet = createLogger({ level: 'error', write: () => undefined });
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
});

async function fresh(label: string): Promise<{ tdb: TestDatabase; db: Db }> {
  const tdb = await createTestDatabase(inject('adminDatabaseUrl'), label);
  const db = createPrismaClient(tdb.url, { max: 3 });
  cleanup.push(async () => {
    await db.$disconnect();
    await tdb.drop();
  });
  return { tdb, db };
}

async function append(db: Db, n: number, tag: string): Promise<void> {
  for (let i = 0; i < n; i++) await appendAuditEvent(db, { type: 'ISSUE_REQUESTED', actor: { sub: `${tag}-${i}`, email: null, name: null, groups: [], idpKind: 'OIDC' }, details: { i } });
}

const seqs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
const until = async (what: () => boolean | Promise<boolean>) => {
  while (!(await what())) await new Promise((r) => setTimeout(r, 50));
};
const head = async (tdb: TestDatabase) => Number((await tdb.query<{ h: string }>('SELECT head_seq::text AS h FROM audit_chain_state'))[0]?.h);

describe('HTTP sink', () => {
  it('refusing for 30 s then recovering: every event arrives after the recovery, each id at least once, in order', { timeout: 120_000 }, async () => {
    const { tdb, db } = await fresh('sink_outage');
    const collector = await startAuditCollector();
    cleanup.push(() => collector.close());
    const down = Date.now();
    collector.answer = () => (Date.now() - down < 30_000 ? 'refuse' : 'accept');
    await append(db, 15, 'before');
    const d = new AuditDelivery({
      databaseUrl: tdb.url,
      sink: createAuditSink({ kind: 'http', url: collector.url, preset: 'webhook', authHeader: { name: 'Authorization', value: 'Bearer test-token' }, batch: 7, timeoutMs: 5_000 }),
      log: quiet,
      failingBoundMs: 1_000,
      maxBackoffMs: 1_000,
    });
    cleanup.push(() => d.stop());
    d.start();
    // During the outage: more events; the cursor stays put; the sink shows as failing past the bound.
    await until(() => collector.refused >= 2);
    await append(db, 10, 'during');
    await until(async () => (await readSinkStatus(sqlPool(db), ['http'], 1_000))[0]?.overBound === true);
    const [status] = await readSinkStatus(sqlPool(db), ['http'], 1_000);
    expect(status).toMatchObject({ sink: 'http', deliveredSeq: '0', overBound: true, lastError: 'the collector answered 503' });
    expect(status?.failingSince).not.toBeNull();
    expect(collector.records).toHaveLength(0);
    // After the recovery everything arrives, in chain order.
    const last = await head(tdb);
    await until(() => firstArrivals(collector.records).length >= last);
    expect(Math.min(...collector.records.map((r) => r.receivedAt)) - down).toBeGreaterThanOrEqual(30_000);
    expect(firstArrivals(collector.records)).toEqual(seqs(1, last));
    expect(collector.headers.every((h) => h.authorization === 'Bearer test-token')).toBe(true);
    await until(async () => (await readSinkStatus(sqlPool(db), ['http'], 1_000))[0]?.failingSince === null);
    expect((await readSinkStatus(sqlPool(db), ['http'], 60_000))[0]).toMatchObject({ deliveredSeq: String(last), overBound: false, lastError: null });
  });

  it('the deliverer killed mid-delivery and started again loses nothing (Splunk HEC preset, auth header)', { timeout: 120_000 }, async () => {
    const { tdb, db } = await fresh('sink_kill');
    const collector = await startAuditCollector();
    cleanup.push(() => collector.close());
    collector.answer = (n) => (n === 2 ? 'hold' : 'accept');
    await append(db, 30, 'k');
    const env = { ...process.env, DATABASE_URL: tdb.url, AUDIT_SINKS: 'http', AUDIT_SINK_HTTP_URL: collector.url, AUDIT_SINK_HTTP_PRESET: 'splunk', AUDIT_SINK_HTTP_AUTH_HEADER: 'Authorization: Splunk 0000-test', AUDIT_SINK_HTTP_BATCH: '10' };
    const startChild = (): ChildProcess => spawn(process.execPath, ['--import', 'tsx', 'scripts/audit-deliver.ts'], { env, stdio: 'ignore' });
    const first = startChild();
    await collector.held;
    // The second batch is on the wire, not yet acknowledged: kill the deliverer there.
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect(firstArrivals(collector.records)).toEqual(seqs(1, 10));
    const [cursor] = await tdb.query<{ delivered_seq: string }>("SELECT delivered_seq::text FROM audit_sink_cursors WHERE sink = 'http'");
    expect(cursor?.delivered_seq).toBe('10');
    await append(db, 5, 'after-kill');
    const second = startChild();
    cleanup.push(async () => {
      second.kill('SIGKILL');
    });
    const last = await head(tdb);
    await until(() => firstArrivals(collector.records).length >= last);
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
    expect(firstArrivals(collector.records)).toEqual(seqs(1, last));
    expect(collector.headers.every((h) => h.authorization === 'Splunk 0000-test')).toBe(true);
    expect(collector.headers.every((h) => h['content-type'] === 'application/json')).toBe(true);
  });

  it('two instances delivering to the same sink: one at a time, nothing twice while nothing fails', { timeout: 60_000 }, async () => {
    const { tdb, db } = await fresh('sink_two');
    const collector = await startAuditCollector();
    cleanup.push(() => collector.close());
    const make = () =>
      new AuditDelivery({ databaseUrl: tdb.url, sink: createAuditSink({ kind: 'http', url: collector.url, preset: 'webhook', authHeader: undefined, batch: 5, timeoutMs: 5_000 }), log: quiet, failingBoundMs: 60_000, idleMs: 20, standbyMs: 50 });
    const a = make();
    const b = make();
    a.start();
    b.start();
    for (let round = 0; round < 5; round++) await append(db, 8, `two-${round}`);
    const last = await head(tdb);
    await until(() => collector.records.length >= last);
    await a.stop();
    // The standby takes over when the first stops.
    await append(db, 4, 'takeover');
    const last2 = await head(tdb);
    await until(() => collector.records.length >= last2);
    await b.stop();
    expect(collector.records.map((r) => r.seq)).toEqual(seqs(1, last2));
  });

  it('Elastic preset: a redelivered event is a 409 for its id, which counts as delivered', async () => {
    const { tdb, db } = await fresh('sink_elastic');
    const collector = await startAuditCollector({ elastic: true });
    cleanup.push(() => collector.close());
    await append(db, 6, 'e');
    const sink = createAuditSink({ kind: 'http', url: collector.url, preset: 'elastic', authHeader: { name: 'Authorization', value: 'ApiKey abc' }, batch: 100, timeoutMs: 5_000 });
    const d = new AuditDelivery({ databaseUrl: tdb.url, sink, log: quiet, failingBoundMs: 60_000, idleMs: 20 });
    d.start();
    await until(() => collector.records.length >= 6);
    await d.stop();
    // As after a crash: the cursor is back before the batch; delivery resends it and moves on.
    await tdb.query("UPDATE audit_sink_cursors SET delivered_seq = 0 WHERE sink = 'http'");
    await append(db, 1, 'e2');
    const again = new AuditDelivery({ databaseUrl: tdb.url, sink: createAuditSink({ kind: 'http', url: collector.url, preset: 'elastic', authHeader: undefined, batch: 100, timeoutMs: 5_000 }), log: quiet, failingBoundMs: 60_000, idleMs: 20 });
    again.start();
    await until(async () => (await tdb.query<{ s: string }>("SELECT delivered_seq::text AS s FROM audit_sink_cursors WHERE sink = 'http'"))[0]?.s === '7');
    await again.stop();
    expect(firstArrivals(collector.records)).toEqual(seqs(1, 7));
    expect(collector.headers[0]?.['content-type']).toBe('application/x-ndjson');
  });
});

describe('file sink', () => {
  it('writes JSON Lines in chain order and rotates past the size bound, keeping the configured number of files', async () => {
    const { tdb } = await fresh('sink_file');
    const dir = mkdtempSync(path.join(tmpdir(), 'keyport-file-sink-'));
    const file = path.join(dir, 'audit.jsonl');
    const d = new AuditDelivery({ databaseUrl: tdb.url, sink: createAuditSink({ kind: 'file', path: file, maxBytes: 4_000, keep: 2 }), log: quiet, failingBoundMs: 60_000, idleMs: 20 });
    d.start();
    // Four batches of about 7 KB each (one statement each, so one batch each): every batch after
    // the first rotates the file.
    for (let round = 1; round <= 4; round++) {
      await tdb.query("INSERT INTO audit_events (type, actor_sub, details) SELECT 'ISSUE_REQUESTED', $1 || '-' || (g - 1), jsonb_build_object('i', g - 1) FROM generate_series(1, 10) g", [`f${round}`]);
      await until(async () => (await tdb.query<{ s: string }>("SELECT delivered_seq::text AS s FROM audit_sink_cursors WHERE sink = 'file'"))[0]?.s === String(round * 10));
    }
    await d.stop();
    expect(readdirSync(dir).sort()).toEqual(['audit.jsonl', 'audit.jsonl.1', 'audit.jsonl.2']);
    const lines = ['audit.jsonl.2', 'audit.jsonl.1', 'audit.jsonl'].flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean));
    expect(lines.map((l) => (JSON.parse(l) as { seq: string }).seq)).toEqual(seqs(11, 40));
    const one = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(one).toMatchObject({ source: 'keyport', seq: '11', type: 'ISSUE_REQUESTED', actor: { sub: 'f2-0' }, details: { i: 0 } });
    expect(one.eventId).toBe(one.hash);
  });
});

describe('syslog sink', () => {
  it('sends RFC 5424 messages over TCP, octet-counted, in chain order', async () => {
    const { tdb, db } = await fresh('sink_syslog');
    await append(db, 5, 's');
    let received = Buffer.alloc(0);
    const server = net.createServer((sock) => sock.on('data', (d: Buffer) => (received = Buffer.concat([received, d]))));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as net.AddressInfo).port;
    const d = new AuditDelivery({ databaseUrl: tdb.url, sink: createAuditSink({ kind: 'syslog', url: `tcp://127.0.0.1:${port}` }), log: quiet, failingBoundMs: 60_000, idleMs: 20 });
    d.start();
    const frames = (): string[] => {
      const out: string[] = [];
      let rest = received;
      for (;;) {
        const sp = rest.indexOf(0x20);
        if (sp < 0) break;
        const len = Number(rest.subarray(0, sp).toString('ascii'));
        if (rest.length < sp + 1 + len) break;
        out.push(rest.subarray(sp + 1, sp + 1 + len).toString('utf8'));
        rest = rest.subarray(sp + 1 + len);
      }
      return out;
    };
    await until(() => frames().length >= 5);
    await d.stop();
    const msgs = frames();
    for (const [i, m] of msgs.entries()) {
      expect(m).toMatch(/^<110>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \S+ keyport \d+ ISSUE_REQUESTED \[keyport@32473 eventId="[0-9a-f]{64}" seq="\d+"\] \uFEFF\{/);
      expect((JSON.parse(m.slice(m.indexOf('\uFEFF') + 1)) as { seq: string }).seq).toBe(String(i + 1));
    }
  });
});
