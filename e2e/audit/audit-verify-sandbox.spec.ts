// `npm run audit:verify` in the sandbox with no configuration (issue #13): it finds the sandbox's
// database and signing key as `sandbox:info` does (here the e2e sandbox's folder and port), and
// also checks the chain against the sandbox's own audit sink file. `sandbox:info` names both roles.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { E2E, query } from '../fixtures/stack';

const run = promisify(execFile);
const sandboxEnv = () => {
  const env: Record<string, string | undefined> = { ...process.env, KEYPORT_DATA_DIR: E2E.dataDir, SANDBOX_PG_PORT: String(E2E.pgPort), PORT: String(E2E.portalPort) };
  for (const k of ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'AUDIT_SIGNING_KEY', 'AUDIT_VERIFY_KEYS']) delete env[k];
  return env as NodeJS.ProcessEnv;
};

test('audit:verify needs no configuration in the sandbox, and the sandbox sink file agrees with the database', async () => {
  // The portal runs as the runtime role, which cannot change the audit.
  await expect(query("UPDATE audit_events SET actor_name = 'x' WHERE false")).rejects.toThrow(/permission denied/);
  const plain = await run(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], { env: sandboxEnv(), timeout: 120_000 });
  expect(plain.stdout).toContain('no DATABASE_URL: checking the sandbox database');
  expect(plain.stdout).toMatch(/audit chain intact: \d+ events checked/);
  expect(plain.stdout).not.toContain('no checkpoint verification key');
  const sinkFile = path.join(E2E.dataDir, 'audit-sink.jsonl');
  const withFile = await run(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', '--checkpoints', sinkFile], { env: sandboxEnv(), timeout: 120_000 });
  expect(withFile.stdout).toMatch(/audit-sink\.jsonl: \d+ checkpoint\(s\), [1-9]\d* event hash\(es\)/);
  expect(withFile.stdout).toMatch(/audit chain intact/);
});

test('sandbox:info gives the runtime and the owner database URLs', async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/sandbox-info.ts'], { env: sandboxEnv(), timeout: 60_000 });
  const info = JSON.parse(stdout) as { databaseUrl: string; databaseMigrationUrl: string };
  expect(new URL(info.databaseUrl).username).toBe('keyport_app');
  expect(new URL(info.databaseMigrationUrl).username).toBe('postgres');
  expect(new URL(info.databaseUrl).port).toBe(String(E2E.pgPort));
});
