// Intent reconciliation and retention against real databases.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { appendAuditEvent } from './append-audit-event';
import { applyAuditRetention } from './apply-audit-retention';
import { ensureAuditPartitions } from './ensure-audit-partitions';
import { reconcileStaleIntents } from './reconcile-stale-intents';
import { createTestDatabase, type TestDatabase } from './test-database';
import { verifyAuditChain } from './verify-audit-chain';

let db: Db;
beforeAll(() => {
  db = createPrismaClient(inject('databaseUrl'));
});
afterAll(async () => {
  await db?.$disconnect();
});

describe('reconcileStaleIntents', () => {
  it('closes an ISSUE_REQUESTED left without outcome by a crash, once, and leaves answered ones alone', async () => {
    const sub = `s-${randomUUID()}`;
    const stale = randomUUID();
    const answered = randomUUID();
    const fresh = randomUUID();
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    const base = { type: 'ISSUE_REQUESTED', actorSub: sub, actorEmail: 'x@example.com', actorGroups: ['g'], idpKind: 'OIDC', roleArn: 'arn:aws:iam::111122223333:role/DevReadOnly', sessionName: 'x@example.com' };
    await db.auditEvent.create({ data: { ...base, intentId: stale, occurredAt: tenMinutesAgo } });
    await db.auditEvent.create({ data: { ...base, intentId: answered, occurredAt: tenMinutesAgo } });
    await db.auditEvent.create({ data: { ...base, type: 'ISSUE_SUCCEEDED', outcome: 'success', intentId: answered, occurredAt: tenMinutesAgo } });
    await db.auditEvent.create({ data: { ...base, intentId: fresh } });

    const first = await reconcileStaleIntents({ db, timeoutSeconds: 300 });
    expect(first.closed).toBeGreaterThanOrEqual(1);
    await reconcileStaleIntents({ db, timeoutSeconds: 300 });
    const events = await db.auditEvent.findMany({ where: { actorSub: sub }, orderBy: { id: 'asc' } });
    const unknown = events.filter((e) => e.type === 'ISSUE_OUTCOME_UNKNOWN');
    expect(unknown.map((e) => e.intentId)).toEqual([stale]);
    expect(unknown[0]).toMatchObject({ outcome: 'unknown', sessionName: 'x@example.com', roleArn: base.roleArn });
  });

  it('two sweeps at once close an intent only once', async () => {
    const intentId = randomUUID();
    await db.auditEvent.create({ data: { type: 'ISSUE_REQUESTED', actorSub: `s-${randomUUID()}`, intentId, occurredAt: new Date(Date.now() - 3600_000) } });
    await Promise.all([reconcileStaleIntents({ db, timeoutSeconds: 300 }), reconcileStaleIntents({ db, timeoutSeconds: 300 })]);
    expect(await db.auditEvent.count({ where: { intentId, type: 'ISSUE_OUTCOME_UNKNOWN' } })).toBe(1);
  });
});

describe('applyAuditRetention', () => {
  let tdb: TestDatabase;
  let own: Db;
  beforeAll(async () => {
    tdb = await createTestDatabase(inject('adminDatabaseUrl'), 'retention');
    own = createPrismaClient(tdb.ownerUrl, { max: 3 });
  });
  afterAll(async () => {
    await own?.$disconnect();
    await tdb?.drop();
  });

  it('drops whole old partitions, audits it, and the chain verifies from the first retained event', async () => {
    await ensureAuditPartitions({ db: own, now: new Date('2024-01-15T00:00:00Z'), monthsAhead: 1 });
    for (const at of ['2024-01-10T10:00:00Z', '2024-01-20T10:00:00Z', '2024-02-03T10:00:00Z']) {
      await own.auditEvent.create({ data: { type: 'ISSUE_REQUESTED', actorSub: 'old', occurredAt: new Date(at) } });
    }
    expect(await own.auditActor.count({ where: { sub: 'old' } })).toBe(1);
    await appendAuditEvent(own, { type: 'ISSUE_REQUESTED', actor: null, details: { recent: true } });
    const r = await applyAuditRetention({ db: own, retentionMonths: 12, now: new Date() });
    expect(r).toEqual({ dropped: ['audit_events_p202401', 'audit_events_p202402'], rows: 3 });
    expect(await own.auditEvent.count({ where: { actorSub: 'old' } })).toBe(0);
    expect(await own.auditActor.count({ where: { sub: 'old' } })).toBe(0);
    const applied = await own.auditEvent.findFirst({ where: { type: 'RETENTION_APPLIED' } });
    expect(applied?.details).toMatchObject({ partitions: ['audit_events_p202401', 'audit_events_p202402'], rows: 3, checkpointSeq: '3' });
    expect(await verifyAuditChain({ db: own })).toMatchObject({ ok: true, anchorSeq: '3', checked: 2 });
    // Nothing left to drop: a second run changes nothing.
    expect(await applyAuditRetention({ db: own, retentionMonths: 12 })).toEqual({ dropped: [], rows: 0 });
  });
});

describe('retention holds no lock that appends need while it waits or drops', () => {
  let tdb: TestDatabase;
  let own: Db;
  beforeAll(async () => {
    tdb = await createTestDatabase(inject('adminDatabaseUrl'), 'retention_lock');
    own = createPrismaClient(tdb.ownerUrl, { max: 3 });
  });
  afterAll(async () => {
    await own?.$disconnect();
    await tdb?.drop();
  });

  it('an append commits while retention waits for a reader of the expired partition, then retention finishes', async () => {
    await ensureAuditPartitions({ db: own, now: new Date('2023-05-15T00:00:00Z'), monthsAhead: 0 });
    await own.auditEvent.create({ data: { type: 'ISSUE_REQUESTED', actorSub: 'old', occurredAt: new Date('2023-05-10T10:00:00Z') } });
    // A long report still reading the old month: DETACH … CONCURRENTLY waits for it to finish.
    const reader = new pg.Client({ connectionString: tdb.url });
    await reader.connect();
    await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await reader.query('SELECT count(*) FROM audit_events_p202305');
    let settled = false;
    const retention = applyAuditRetention({ db: own, retentionMonths: 12 }).finally(() => {
      settled = true;
    });
    // Wait until retention is blocked in PostgreSQL (not a timing assumption: we look at its wait).
    const watcher = new pg.Client({ connectionString: tdb.ownerUrl });
    await watcher.connect();
    for (;;) {
      const { rows } = await watcher.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%DETACH PARTITION%' AND wait_event_type IS NOT NULL AND state = 'active'");
      if ((rows[0]?.n ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // An issuance's audit append, as the runtime role, goes through at once: the chain lock is free.
    const app = new pg.Client({ connectionString: tdb.url });
    await app.connect();
    await app.query("SET lock_timeout = '20s'");
    await app.query("INSERT INTO audit_events (type, actor_sub) VALUES ('ISSUE_REQUESTED', 'during-retention')");
    await app.end();
    expect(settled).toBe(false);
    await reader.query('COMMIT');
    await reader.end();
    expect(await retention).toEqual({ dropped: ['audit_events_p202305'], rows: 1 });
    await watcher.end();
    expect(await verifyAuditChain({ db: own })).toMatchObject({ ok: true });
  });
});
