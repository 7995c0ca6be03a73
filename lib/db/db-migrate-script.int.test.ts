// `npm run db:migrate` on its own, as a deploy job runs it: as the owner, creating the runtime role
// when asked (DATABASE_CREATE_RUNTIME_ROLE=true) with the password of DATABASE_URL, which can then
// sign in and append to the audit but not change it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const role = `keyport_app_deploy_${process.pid}`;
const dbName = `keyport_test_deploy_${process.pid}_${Date.now()}`;
const admin = () => new pg.Client({ connectionString: inject('adminDatabaseUrl') });
const urlAs = (user: string, password: string) => {
  const u = new URL(inject('adminDatabaseUrl'));
  u.username = user;
  u.password = password;
  u.pathname = `/${dbName}`;
  return u.toString();
};
const ownerUrl = () => {
  const u = new URL(inject('adminDatabaseUrl'));
  u.pathname = `/${dbName}`;
  return u.toString();
};

afterAll(async () => {
  const c = admin();
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await c.query(`DROP ROLE IF EXISTS "${role}"`);
  await c.end();
});

async function migrate(env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'scripts/db-migrate.ts'], { env: { ...process.env, DATABASE_URL: undefined, DATABASE_MIGRATION_URL: undefined, DATABASE_CREATE_RUNTIME_ROLE: undefined, ...env }, timeout: 120_000 });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

describe('npm run db:migrate', () => {
  it('migrates as the owner and creates the runtime role when asked; the role appends but cannot change the audit', async () => {
    const c = admin();
    await c.connect();
    await c.query(`CREATE DATABASE "${dbName}"`);
    await c.end();
    const env = { DATABASE_URL: urlAs(role, 'deploy s3cret'), DATABASE_MIGRATION_URL: ownerUrl(), DATABASE_CREATE_RUNTIME_ROLE: 'true' };

    const first = await migrate(env);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toMatch(/applied \d+ migration\(s\)/);
    expect(first.out).toContain(`granted the runtime role ${role}`);
    expect(first.out).not.toContain('deploy s3cret');

    const app = new pg.Client({ connectionString: env.DATABASE_URL });
    await app.connect();
    try {
      await app.query("INSERT INTO audit_events (type) VALUES ('AUDIT_VERIFIED')");
      await expect(app.query("UPDATE audit_events SET type = 'X'")).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }

    const again = await migrate(env);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain('the database schema is up to date');
  });

  it('fails with what to do when the runtime role does not exist and creating it was not asked for', async () => {
    const r = await migrate({ DATABASE_URL: urlAs(`${role}_missing`, 'x'), DATABASE_MIGRATION_URL: ownerUrl() });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/does not exist: create it \(docs\/database-roles\.md\)/);
  });
});
