// The migration image, proven without a container engine: the runner bundled by the Dockerfile's
// own RUN line, laid out as its COPY lines lay it out, run as its CMD (`npm run db:migrate`) with
// only DATABASE_MIGRATION_URL, migrates a fresh database, and a second run finds nothing to do.
import { execSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { pendingMigrations } from '@/lib/db/migrate';

const root = path.resolve(import.meta.dirname, '..');

function migrateStage(): { run: string; cmd: string[] } {
  const text = readFileSync(path.join(root, 'deploy/Dockerfile'), 'utf8');
  const bundle = text.slice(text.indexOf('AS migrate-bundle'), text.indexOf('AS migrate\n'));
  const stage = text.slice(text.indexOf('AS migrate\n'), text.indexOf('AS runtime'));
  const run = /^RUN (npx esbuild .+)$/m.exec(bundle)?.[1] ?? '';
  const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(stage)?.[1] ?? '[]') as string[];
  return { run, cmd };
}

describe('the migration image', () => {
  it('bundles the runner, and its CMD migrates a fresh database as the owner, then finds it up to date', async () => {
    const { run, cmd } = migrateStage();
    expect(cmd).toEqual(['npm', 'run', 'db:migrate']);
    const app = mkdtempSync(path.join(tmpdir(), 'keyport-migrate-image-'));
    const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
    const dbName = `keyport_migrate_image_${process.pid}_${Date.now()}`;
    await admin.connect();
    try {
      // RUN …esbuild… --outfile=dist/db-migrate.cjs, then COPY it, the package.json and the migrations.
      execSync(run.replace('--outfile=dist/db-migrate.cjs', `--outfile=${path.join(app, 'db-migrate.cjs')}`), { cwd: root, stdio: 'pipe' });
      cpSync(path.join(root, 'deploy/migrate/package.json'), path.join(app, 'package.json'));
      mkdirSync(path.join(app, 'prisma'));
      cpSync(path.join(root, 'prisma/migrations'), path.join(app, 'prisma/migrations'), { recursive: true });

      await admin.query(`CREATE DATABASE "${dbName}"`);
      const url = new URL(inject('adminDatabaseUrl'));
      url.pathname = `/${dbName}`;
      // The image's ENV (NODE_ENV) and the one setting the Job gives it.
      const env = { NODE_ENV: 'production' as const, PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: app, DATABASE_MIGRATION_URL: url.toString() };
      const first = spawnSync(cmd[0] ?? 'npm', cmd.slice(1), { cwd: app, env, encoding: 'utf8' });
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/applied \d+ migration\(s\)/);

      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        expect(await pendingMigrations(async (sql) => (await client.query<{ migration_name: string }>(sql)).rows)).toEqual([]);
      } finally {
        await client.end();
      }
      const second = spawnSync(cmd[0] ?? 'npm', cmd.slice(1), { cwd: app, env, encoding: 'utf8' });
      expect(second.status, second.stderr).toBe(0);
      expect(second.stdout).toContain('database schema is up to date');

      const none = spawnSync(cmd[0] ?? 'npm', cmd.slice(1), { cwd: app, env: { NODE_ENV: env.NODE_ENV, PATH: env.PATH, HOME: app }, encoding: 'utf8' });
      expect(none.status).toBe(2);
      expect(none.stderr).toContain('db:migrate needs DATABASE_MIGRATION_URL (the owner role) or DATABASE_URL.');
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.end();
      rmSync(app, { recursive: true, force: true });
    }
  });
});
