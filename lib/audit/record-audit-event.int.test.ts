// Group commit of standalone audit events against a real database: concurrent events share
// INSERTs yet each resolves only once committed, in a verifiable chain; an event PostgreSQL cannot
// store fails alone; a database that cannot write refuses every event.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, SQL_POOL, sqlPool, type Db } from '@/lib/db/create-client';
import { appendAuditEvent, auditEventRow, type AuditEventInput } from './append-audit-event';
import { AUDIT_COLUMNS, recordAuditEvent } from './record-audit-event';
import { createTestDatabase, type TestDatabase } from './test-database';
import { verifyAuditChain } from './verify-audit-chain';

let tdb: TestDatabase;
let db: Db;
/** A second, independent connection pool: what it sees is committed. */
let observer: pg.Pool;
beforeAll(async () => {
  tdb = await createTestDatabase(inject('adminDatabaseUrl'), 'group_commit');
  db = createPrismaClient(tdb.url);
  observer = new pg.Pool({ connectionString: tdb.url, max: 4 });
});
afterAll(async () => {
  await db?.$disconnect();
  await observer?.end();
  await tdb?.drop();
});

/** The same client, counting the statements the audit writer sends through its pool. */
function counting(target: Db): { db: Db; inserts: () => number } {
  let inserts = 0;
  const pool = sqlPool(target);
  const countingPool = {
    query: (...args: Parameters<typeof pool.query>) => {
      inserts++;
      return pool.query(...args);
    },
  };
  const proxied = new Proxy(target, { get: (t, prop, receiver) => (prop === SQL_POOL ? countingPool : Reflect.get(t, prop, receiver)) });
  return { db: proxied as Db, inserts: () => inserts };
}

const actor = { sub: 'sub-group-commit', email: 'gc@example.com', name: 'Group Commit', groups: ['g'], idpKind: 'OIDC' };

describe('recordAuditEvent', () => {
  it('commits 100 concurrent events in fewer INSERTs, each committed when it resolves, the chain intact', async () => {
    const c = counting(db);
    const requestId = randomUUID();
    const committed: number[] = [];
    await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        await recordAuditEvent(c.db, { type: 'ISSUE_REQUESTED', actor, requestId, intentId: randomUUID(), details: { i } });
        // Resolved means committed: another connection sees it now.
        const { rows: [row] } = await observer.query<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE request_id = $1 AND (details->>'i')::int = $2`, [requestId, i]);
        committed.push(Number(row?.n));
      }),
    );
    expect(committed).toEqual(Array.from({ length: 100 }, () => 1));
    expect(c.inserts()).toBeGreaterThan(1);
    expect(c.inserts()).toBeLessThan(100);
    const seqs = await tdb.query<{ seq: string }>('SELECT seq FROM audit_events WHERE request_id = $1 ORDER BY seq', [requestId]);
    expect(new Set(seqs.map((r) => r.seq)).size).toBe(100);
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });

  it('an event PostgreSQL cannot store fails alone; the others in its batch are committed', async () => {
    const requestId = randomUUID();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        // A NUL character cannot be stored in a text column: the INSERT carrying it fails.
        recordAuditEvent(db, { type: 'ISSUE_DENIED', actor, requestId, userAgent: i === 7 ? 'bad\u0000agent' : 'ok', details: { i } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 20 }, (_, i) => (i === 7 ? 'rejected' : 'fulfilled')));
    const [row] = await tdb.query<{ n: string }>('SELECT count(*) AS n FROM audit_events WHERE request_id = $1', [requestId]);
    expect(Number(row?.n)).toBe(19);
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });

  it('refuses every event when the database cannot write, and refuses a secret before queueing it', async () => {
    const dead = createPrismaClient('postgresql://nobody:wrong@127.0.0.1:9/none');
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => recordAuditEvent(dead, { type: 'ISSUE_REQUESTED', actor, details: {} })));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    await dead.$disconnect();
    await expect(recordAuditEvent(db, { type: 'ISSUE_REQUESTED', actor, details: { sessionToken: 'x' } })).rejects.toThrow(/looks like a secret/);
  });
  it('writes exactly the row appendAuditEvent (Prisma) writes, every column', async () => {
    const requestId = randomUUID();
    const e: AuditEventInput = {
      type: 'ISSUE_SUCCEEDED',
      actor: { sub: 'sub-eq', email: 'Eq@Example.com', name: 'Zoë "Q" O\'Neil', groups: ['g,1', 'g "2"', '{g3}', 'ü'], idpKind: 'SAML' },
      outcome: 'success',
      intentId: randomUUID(),
      requestId,
      mappingId: randomUUID(),
      roleArn: 'arn:aws:iam::111122223333:role/Dev',
      accountId: '111122223333',
      sessionName: 'eq@example.com',
      durationSeconds: 3600,
      region: 'eu-west-1',
      sourceIp: '198.51.100.7',
      userAgent: 'agent/1 (x; y)',
      accessKeyId: 'ASIAEQUIVALENT00001',
      expiresAt: new Date('2031-02-03T04:05:06.789Z'),
      assumedRoleArn: 'arn:aws:sts::111122223333:assumed-role/Dev/eq@example.com',
      stsRequestId: 'sts-1',
      errorCode: null,
      details: { viaGroups: ['g,1'], n: 1.5, nested: { a: [1, 'two', null] }, text: 'line\nbreak \\ "q"' },
    };
    await recordAuditEvent(db, e);
    await appendAuditEvent(db, e);
    const columns = AUDIT_COLUMNS.map(([, c]) => c).filter((c) => c !== 'occurred_at');
    const rows = await tdb.query<Record<string, unknown>>(`SELECT ${columns.join(', ')} FROM audit_events WHERE request_id = $1 ORDER BY seq`, [requestId]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(rows[1]);
    expect(rows[0]?.actor_groups).toEqual(['g,1', 'g "2"', '{g3}', 'ü']);
  });

  it('names a column for every field an audit row has', () => {
    const mapped = new Set<string>(AUDIT_COLUMNS.map(([f]) => f));
    const row = auditEventRow({ type: 'ISSUE_DENIED', actor, outcome: 'denied', intentId: 'i', requestId: 'r', mappingId: 'm', roleArn: 'a', accountId: 'b', sessionName: 's', durationSeconds: 1, region: 'r', sourceIp: 'i', userAgent: 'u', accessKeyId: 'k', expiresAt: new Date(), assumedRoleArn: 'x', stsRequestId: 'y', errorCode: 'z', details: {} });
    expect(Object.keys(row).filter((k) => !mapped.has(k))).toEqual([]);
    expect(mapped.has('occurredAt')).toBe(true);
  });
});
