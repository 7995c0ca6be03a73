// The portal's database role (issue #13): it appends to the audit and reads it, and nothing more.
// Every statement below is one an attacker holding the portal's DATABASE_URL would try; each must
// fail in PostgreSQL itself. The owner's later migrations stay usable by the runtime role.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/lib/audit/test-database';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from './migrate';

let tdb: TestDatabase;
let runtime: pg.Client;
let partition: string;

beforeAll(async () => {
  tdb = await createTestDatabase(inject('adminDatabaseUrl'), 'roles');
  runtime = new pg.Client({ connectionString: tdb.url });
  await runtime.connect();
  await runtime.query("INSERT INTO audit_events (type, actor_sub, actor_email, actor_name) VALUES ('ISSUE_REQUESTED', 'role-test', 'r@example.com', 'R')");
  const [row] = (await runtime.query<{ name: string }>('SELECT tableoid::regclass::text AS name FROM audit_events LIMIT 1')).rows;
  partition = row?.name ?? '';
});
afterAll(async () => {
  await runtime?.end();
  await tdb?.drop();
});

const refused = (sql: string) => expect(runtime.query(sql)).rejects.toThrow(/permission denied|must be owner/);

describe('the runtime role', () => {
  it('is not the owner and not a superuser', async () => {
    const { rows } = await runtime.query<{ me: string; sup: boolean; owner: string }>(
      "SELECT current_user AS me, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS sup, pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname = 'audit_events'",
    );
    expect(rows[0]).toMatchObject({ me: 'keyport_app', sup: false });
    expect(rows[0]?.owner).not.toBe('keyport_app');
  });

  it('appends events, and the chain advances (the trigger runs as the owner)', async () => {
    const before = (await runtime.query<{ head_seq: string }>('SELECT head_seq::text FROM audit_chain_state')).rows[0]?.head_seq;
    await runtime.query("INSERT INTO audit_events (type, actor_sub) VALUES ('ISSUE_SUCCEEDED', 'role-test')");
    const after = (await runtime.query<{ head_seq: string }>('SELECT head_seq::text FROM audit_chain_state')).rows[0]?.head_seq;
    expect(BigInt(after ?? '0')).toBe(BigInt(before ?? '0') + 1n);
  });

  it('cannot UPDATE audit events, on the table or a partition', async () => {
    await refused("UPDATE audit_events SET actor_name = 'Mallory'");
    await refused(`UPDATE ${partition} SET actor_name = 'Mallory'`);
  });

  it('cannot DELETE audit events, on the table or a partition', async () => {
    await refused('DELETE FROM audit_events');
    await refused(`DELETE FROM ${partition}`);
  });

  it('cannot TRUNCATE audit events, on the table or a partition', async () => {
    await refused('TRUNCATE audit_events');
    await refused(`TRUNCATE ${partition}`);
  });

  it('cannot ALTER the audit tables or disable their triggers', async () => {
    await refused('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    await refused('ALTER TABLE audit_events DISABLE TRIGGER ALL');
    await refused(`ALTER TABLE ${partition} DISABLE TRIGGER audit_events_no_truncate`);
    await refused('ALTER TABLE audit_events ADD COLUMN x int');
    await refused(`ALTER TABLE audit_events DETACH PARTITION ${partition}`);
    await refused(`DROP TABLE ${partition}`);
    await refused('DROP TRIGGER audit_events_chain ON audit_events');
    await refused('ALTER TABLE audit_chain_state DISABLE TRIGGER ALL');
  });

  it('cannot switch triggers off for its session (replication role)', async () => {
    await refused('SET session_replication_role = replica');
  });

  it('cannot CREATE OR REPLACE the audit functions, nor create functions at all', async () => {
    await refused("CREATE OR REPLACE FUNCTION audit_event_hash(prev_hash TEXT, e ANYELEMENT) RETURNS TEXT LANGUAGE sql AS $$ SELECT 'x' $$");
    await refused('CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS TRIGGER LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$');
    await refused('CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS TRIGGER LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$');
    await refused('CREATE FUNCTION keyport_evil() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$');
    await refused('ALTER FUNCTION audit_events_chain() SECURITY INVOKER');
  });

  it('cannot write the chain state or the index of people, nor re-grant itself', async () => {
    await refused("UPDATE audit_chain_state SET head_hash = repeat('f', 64)");
    await refused('DELETE FROM audit_chain_state');
    await refused('TRUNCATE audit_chain_state');
    await refused('DELETE FROM audit_actors');
    await refused("UPDATE audit_actors SET name = 'x'");
    await refused("SELECT keyport_grant_runtime_role('keyport_app')");
    await refused('CREATE TABLE keyport_evil (x int)');
  });

  it('still reads everything and writes the other tables (sessions, mappings, sink cursors)', async () => {
    await runtime.query("INSERT INTO audit_sink_cursors (sink) VALUES ('role-test') ON CONFLICT DO NOTHING");
    await runtime.query("UPDATE audit_sink_cursors SET delivered_seq = 1 WHERE sink = 'role-test'");
    await runtime.query("DELETE FROM audit_sink_cursors WHERE sink = 'role-test'");
    expect((await runtime.query('SELECT 1 FROM audit_events')).rowCount).toBeGreaterThan(0);
    expect((await runtime.query('SELECT 1 FROM role_mappings')).rowCount).toBeGreaterThanOrEqual(0);
  });

  it('creates the partitions ahead, which it can append to but not change', async () => {
    await runtime.query("SELECT audit_ensure_partitions('2031-03-01T00:00:00Z'::timestamptz, 1)");
    await runtime.query("INSERT INTO audit_events (type, occurred_at) VALUES ('ISSUE_REQUESTED', '2031-03-05T00:00:00Z')");
    await refused('UPDATE audit_events_p203103 SET type = type');
    await refused('DELETE FROM audit_events_p203103');
    await expect(runtime.query("SELECT audit_ensure_partitions('2031-03-01T00:00:00Z'::timestamptz, 100000)")).rejects.toThrow(/months must be between/);
  });
});

describe('tables of later migrations', () => {
  it('are granted to the runtime role by the runner, with DML (default privileges and the re-grant)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keyport-migrations-'));
    cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    mkdirSync(path.join(dir, '29991231000000_later_feature'));
    writeFileSync(path.join(dir, '29991231000000_later_feature', 'migration.sql'), 'CREATE TABLE "later_feature" ("id" SERIAL PRIMARY KEY, "v" TEXT);\n');
    const { applied } = await applyMigrations({ databaseUrl: tdb.ownerUrl, migrationsDir: dir, runtimeRole: { name: 'keyport_app' } });
    expect(applied).toEqual(['29991231000000_later_feature']);
    await runtime.query("INSERT INTO later_feature (v) VALUES ('a')");
    await runtime.query("UPDATE later_feature SET v = 'b'");
    await runtime.query('DELETE FROM later_feature');
  });

  it('a runtime role that does not exist and was not asked to be created stops the runner with what to do', async () => {
    await expect(applyMigrations({ databaseUrl: tdb.ownerUrl, runtimeRole: { name: `keyport_missing_${process.pid}` } })).rejects.toThrow(/does not exist: create it .*DATABASE_CREATE_RUNTIME_ROLE=true/);
  });
});
