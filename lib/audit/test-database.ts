// Tests only: a database of its own, freshly migrated, for tests that break the audit chain on
// purpose or need to know every event in it (the shared test database has other tests' events).
import pg from 'pg';
import { applyMigrations } from '@/lib/db/migrate';
import { SANDBOX_RUNTIME_ROLE, withRuntimeRole } from '@/sandbox/settings';

export interface TestDatabase {
  /** As the runtime role, as the portal connects. */
  url: string;
  /** As the owner (the migrations' role). */
  ownerUrl: string;
  /** Runs as the owner: tests break the chain on purpose with it. */
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export async function createTestDatabase(adminUrl: string, label: string): Promise<TestDatabase> {
  const name = `keyport_test_${label}_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await applyMigrations({ databaseUrl: url, runtimeRole: SANDBOX_RUNTIME_ROLE });
  return {
    url: withRuntimeRole(url),
    ownerUrl: url,
    async query(sql, params = []) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query(sql, params)).rows;
      } finally {
        await c.end();
      }
    },
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}
