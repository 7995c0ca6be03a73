// The audit log in the database itself: append-only (UPDATE, DELETE and TRUNCATE refused by a
// trigger), hash-chained, and verified by `npm run audit:verify` — which names the event a
// superuser edited, deleted or inserted after switching the triggers off.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { appendAuditEvent } from './append-audit-event';
import { createTestDatabase, type TestDatabase } from './test-database';
import { verifyAuditChain } from './verify-audit-chain';

const run = promisify(execFile);
const opened: { db: TestDatabase; client: Db }[] = [];

async function fresh(label: string, events = 5): Promise<{ db: TestDatabase; client: Db; ids: string[] }> {
  const db = await createTestDatabase(inject('adminDatabaseUrl'), label);
  const client = createPrismaClient(db.url, { max: 3 });
  opened.push({ db, client });
  const ids: string[] = [];
  for (let i = 0; i < events; i++) {
    const { id } = await appendAuditEvent(client, {
      type: 'ISSUE_REQUESTED',
      actor: { sub: `sub-${i}`, email: `p${i}@example.com`, name: `Person ${i}`, groups: ['engineering'], idpKind: 'OIDC' },
      roleArn: 'arn:aws:iam::111122223333:role/DevReadOnly',
      details: { viaGroups: ['engineering'], n: i },
    });
    ids.push(id.toString());
  }
  return { db, client, ids };
}

async function verifyScript(url: string): Promise<{ code: number; out: string }> {
  try {
    const r = await run('npx', ['tsx', 'scripts/audit-verify.ts'], { env: { ...process.env, DATABASE_URL: url }, timeout: 60_000 });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

/** What a superuser can do: every trigger of the session switched off (replication role). */
async function asSuperuserWithoutTriggers<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('SET session_replication_role = replica');
    return await fn(c);
  } finally {
    await c.end();
  }
}

afterEach(async () => {
  for (const { client } of opened.splice(0)) await client.$disconnect();
});
const toDrop: TestDatabase[] = [];
afterAll(async () => {
  for (const db of toDrop) await db.drop();
});

describe('audit events in the database', () => {
  it('refuse UPDATE, DELETE and TRUNCATE, on the table and on its partitions', async () => {
    const { db, ids } = await fresh('appendonly', 2);
    toDrop.push(db);
    await expect(db.query('UPDATE audit_events SET actor_name = $1 WHERE id = $2', ['Mallory', ids[0]])).rejects.toThrow(/append-only: UPDATE/);
    await expect(db.query('DELETE FROM audit_events WHERE id = $1', [ids[0]])).rejects.toThrow(/append-only: DELETE/);
    await expect(db.query('TRUNCATE audit_events')).rejects.toThrow(/append-only: TRUNCATE/);
    const [part] = await db.query<{ name: string }>("SELECT tableoid::regclass::text AS name FROM audit_events LIMIT 1");
    await expect(db.query(`DELETE FROM ${part?.name ?? 'x'}`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE ${part?.name ?? 'x'}`)).rejects.toThrow(/append-only/);
    expect(await db.query('SELECT 1 FROM audit_events')).toHaveLength(2);
  });

  it('chain every event to its predecessor; an intact chain verifies (script exits 0)', async () => {
    const { db, client } = await fresh('intact', 4);
    toDrop.push(db);
    const rows = await db.query<{ seq: string; prev_hash: string; hash: string }>('SELECT seq, prev_hash, hash FROM audit_events ORDER BY seq');
    expect(rows.map((r) => r.seq)).toEqual(['1', '2', '3', '4']);
    expect(rows[0]?.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    expect(await verifyAuditChain({ db: client })).toMatchObject({ ok: true, checked: 4, headSeq: '4' });
    const script = await verifyScript(db.url);
    expect(script.code).toBe(0);
    expect(script.out).toContain('intact');
  });

  it('stays one chain when one transaction appends many events, in one statement or several', async () => {
    const { db, client } = await fresh('bulk', 1);
    toDrop.push(db);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query('BEGIN');
    await c.query("INSERT INTO audit_events (type, actor_sub) SELECT 'ISSUE_REQUESTED', 'bulk-' || g FROM generate_series(1, 5000) g");
    await c.query("INSERT INTO audit_events (type, actor_sub) VALUES ('ISSUE_SUCCEEDED', 'single')");
    await c.query('COMMIT');
    await c.end();
    await appendAuditEvent(client, { type: 'AUDIT_VERIFIED', actor: null });
    expect(await verifyAuditChain({ db: client, batchSize: 1000 })).toMatchObject({ ok: true, checked: 5003, headSeq: '5003' });
  });

  it('an event edited by a superuser with the trigger disabled: audit:verify exits non-zero naming it', async () => {
    const { db, client, ids } = await fresh('edited', 5);
    toDrop.push(db);
    const victim = ids[2] ?? '';
    await db.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    await db.query("UPDATE audit_events SET actor_name = 'Someone Else' WHERE id = $1", [victim]);
    await db.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    const r = await verifyAuditChain({ db: client });
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toMatchObject({ eventId: victim, problem: 'edited' });
    const script = await verifyScript(db.url);
    expect(script.code).toBe(1);
    expect(script.out).toContain(`event ${victim}`);
    expect(script.out).toMatch(/BROKEN/);
  });

  it('an event deleted with the triggers off is found (the next event names it missing)', async () => {
    const { db, client, ids } = await fresh('deleted', 5);
    toDrop.push(db);
    await asSuperuserWithoutTriggers(db.ownerUrl, (c) => c.query('DELETE FROM audit_events WHERE id = $1', [ids[1]]));
    const r = await verifyAuditChain({ db: client });
    expect(r.firstBroken).toMatchObject({ eventId: ids[2], problem: 'missing-predecessor' });
    expect((await verifyScript(db.url)).code).toBe(1);
  });

  it('an event inserted directly in SQL bypassing the chain trigger is named', async () => {
    const { db, client } = await fresh('inserted', 3);
    toDrop.push(db);
    const { rows } = await asSuperuserWithoutTriggers(db.ownerUrl, (c) => c.query<{ id: string }>("INSERT INTO audit_events (type, actor_sub) VALUES ('ISSUE_SUCCEEDED', 'forged') RETURNING id::text"));
    const r = await verifyAuditChain({ db: client });
    expect(r.firstBroken).toMatchObject({ eventId: rows[0]?.id, problem: 'not-chained' });
  });

  it('an event deleted from the end is found through the recorded chain head', async () => {
    const { db, client, ids } = await fresh('tail', 3);
    toDrop.push(db);
    await asSuperuserWithoutTriggers(db.ownerUrl, (c) => c.query('DELETE FROM audit_events WHERE id = $1', [ids[2]]));
    expect((await verifyAuditChain({ db: client })).firstBroken).toMatchObject({ problem: 'missing-tail', seq: '3' });
  });
});
