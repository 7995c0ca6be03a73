// Group commit of standalone audit events against a real database: concurrent events share
// INSERTs yet each resolves only once committed, in a verifiable chain; an event PostgreSQL cannot
// store fails alone; a database that cannot write refuses every event.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { recordAuditEvent } from './record-audit-event';
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

/** The same client, counting the INSERT statements the audit writer sends. */
function counting(target: Db): { db: Db; inserts: () => number } {
  let inserts = 0;
  const auditEvent = new Proxy(target.auditEvent, {
    get(t, prop, receiver) {
      const v = Reflect.get(t, prop, receiver) as unknown;
      if (prop !== 'createMany' || typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        inserts++;
        return (v as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
  const proxied = new Proxy(target, { get: (t, prop, receiver) => (prop === 'auditEvent' ? auditEvent : Reflect.get(t, prop, receiver)) });
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
});
