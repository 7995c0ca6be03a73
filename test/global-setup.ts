// Integration tests run against a real PostgreSQL: an embedded server of their own in
// .data/test/pg-<pid> (removed afterwards; so concurrent runs never collide), or
// TEST_DATABASE_URL, which must point at this machine. Each run gets a freshly migrated database.
import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../lib/db/embedded-postgres';
import { applyMigrations } from '../lib/db/migrate';
import { SANDBOX_RUNTIME_ROLE, withRuntimeRole } from '../sandbox/settings';
import { freePort } from './free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test database as the runtime role (what the portal runs as): every test's default. */
    databaseUrl: string;
    /** The same database as its owner, for tests that must act as the migrations do. */
    migrationDatabaseUrl: string;
    adminDatabaseUrl: string;
  }
}

export function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}). Tests create and drop databases.`);
  }
}

let embedded: EmbeddedDatabase | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  const dataDir = path.resolve(`.data/test/pg-${process.pid}`);
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      database: 'postgres',
    });
    adminUrl = embedded.url;
  }
  assertLocalDatabase(adminUrl);
  const dbName = `keyport_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Old runs' databases are not needed any more; each run starts from a clean migrated schema.
  const old = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'keyport_test_%'");
  for (const { datname } of old.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  // Two roles, as the sandbox runs (issue #13): the owner migrates, the tests run as the runtime role.
  await applyMigrations({ databaseUrl: url.toString(), runtimeRole: SANDBOX_RUNTIME_ROLE });
  // The sandbox world's accounts, named as the sandbox seed names them: tests that write mappings
  // for them in any order then find one name per account (aws_accounts, one account one label).
  const owner = new pg.Client({ connectionString: url.toString() });
  await owner.connect();
  await owner.query("INSERT INTO aws_accounts (id, label) VALUES ('111122223333', 'sandbox-dev'), ('444455556666', 'sandbox-prod') ON CONFLICT DO NOTHING");
  await owner.end();
  project.provide('migrationDatabaseUrl', url.toString());
  project.provide('databaseUrl', withRuntimeRole(url.toString()));
  project.provide('adminDatabaseUrl', adminUrl);
  return async () => {
    if (embedded) {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}
