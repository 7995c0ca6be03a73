// Migration 20261201192500_aws_accounts over mappings written before it: one account per id, its
// label chosen deterministically (most mappings, then the earliest mapping, then codepoint order),
// a label two accounts carried kept by the smaller id (the other gets "<label> (<id>)"), and every
// mapping row then carrying its account's label.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyMigrations } from './migrate';

const MIGRATION = '20261201192500_aws_accounts';
let admin: pg.Client;
let client: pg.Client;
let dbName: string;
let url: string;
let before: string;
let all: string;

beforeAll(async () => {
  const dir = path.resolve('prisma/migrations');
  before = mkdtempSync(path.join(os.tmpdir(), 'keyport-migrations-'));
  for (const name of readdirSync(dir)) if (name < MIGRATION) cpSync(path.join(dir, name), path.join(before, name), { recursive: true });
  all = dir;
  dbName = `keyport_accounts_${process.pid}_${Date.now()}`;
  admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const u = new URL(inject('adminDatabaseUrl'));
  u.pathname = `/${dbName}`;
  url = u.toString();
  await applyMigrations({ databaseUrl: url, migrationsDir: before });
  client = new pg.Client({ connectionString: url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await admin?.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin?.end();
  if (before) rmSync(before, { recursive: true, force: true });
});

async function row(group: string, accountId: string, label: string, createdAt: string) {
  await client.query(
    `INSERT INTO role_mappings (id, idp_group, idp_kind, role_arn, account_id, account_label, role_label, max_duration_seconds, sts_region, allowed_regions, created_at, updated_at, created_by, updated_by)
     VALUES (gen_random_uuid(), $1, 'OIDC', $2, $3, $4, 'R', 900, 'us-east-1', ARRAY['us-east-1'], $5, $5, 't', 't')`,
    [group, `arn:aws:iam::${accountId}:role/R`, accountId, label, createdAt],
  );
}

describe('migration 20261201192500_aws_accounts', () => {
  it('turns the labels mappings carried into one account each, deterministically', async () => {
    // 111…: "dev" on two mappings beats "development" on one.
    await row('a', '111111111111', 'development', '2026-01-01T00:00:00Z');
    await row('b', '111111111111', 'dev', '2026-02-01T00:00:00Z');
    await row('c', '111111111111', 'dev', '2026-03-01T00:00:00Z');
    // 222…: a tie; the earliest mapping's label wins.
    await row('d', '222222222222', 'stage-b', '2026-02-01T00:00:00Z');
    await row('e', '222222222222', 'stage-a', '2026-01-01T00:00:00Z');
    // 333… and 444… both "prod": the smaller id keeps it.
    await row('f', '444444444444', 'prod', '2026-01-01T00:00:00Z');
    await row('g', '333333333333', 'prod', '2026-02-01T00:00:00Z');
    await applyMigrations({ databaseUrl: url, migrationsDir: all });
    const accounts = await client.query<{ id: string; label: string }>('SELECT id, label FROM aws_accounts ORDER BY id');
    expect(accounts.rows).toEqual([
      { id: '111111111111', label: 'dev' },
      { id: '222222222222', label: 'stage-a' },
      { id: '333333333333', label: 'prod' },
      { id: '444444444444', label: 'prod (444444444444)' },
    ]);
    const mappings = await client.query<{ idp_group: string; account_label: string }>('SELECT idp_group, account_label FROM role_mappings ORDER BY idp_group');
    expect(mappings.rows.map((r) => r.account_label)).toEqual(['dev', 'dev', 'dev', 'stage-a', 'stage-a', 'prod (444444444444)', 'prod']);
  });
});
