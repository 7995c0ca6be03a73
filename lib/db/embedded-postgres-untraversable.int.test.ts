// Started as root, `npm start` runs the embedded PostgreSQL as `postgres`; from a folder that user
// cannot enter (a clone in root's home, 0700) it must stop with one sentence, not a stack trace.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '@/test/free-port';
import { startEmbeddedPostgres } from './embedded-postgres';

const root = path.resolve(import.meta.dirname, '../..');
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function runStart(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OIDC_|SAML_|DATABASE_URL|KEYPORT_)/.test(k)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env: { ...base, ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code: number | null) => resolve({ code, stdout, stderr })));
}

describe('embedded PostgreSQL in a folder closed to other users (0700)', () => {
  it(asRoot ? 'as root, npm start stops with one sentence saying why and what to do' : 'as a normal user, PostgreSQL runs as that user and starts', async () => {
    const closed = mkdtempSync(path.join(tmpdir(), 'keyport-closed-'));
    chmodSync(closed, 0o700);
    const dataDir = path.join(closed, 'data');
    try {
      if (asRoot) {
        const [portal, oidc, aws, saml, pg] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
        const r = await runStart({
          KEYPORT_DATA_DIR: dataDir,
          PORT: String(portal),
          SANDBOX_OIDC_PORT: String(oidc),
          SANDBOX_AWS_PORT: String(aws),
          SANDBOX_SAML_PORT: String(saml),
          SANDBOX_PG_PORT: String(pg),
        });
        expect(r.code).toBe(1);
        // (Its only other line on Node 20 is oidc-provider's own warning about the runtime.)
        expect(r.stderr.trim().split('\n').at(-1)).toBe(
          `Keyport could not start: The embedded PostgreSQL runs as the user "postgres" when Keyport is started as root, and that user cannot enter ${closed} (mode 0700), which holds its data: ` +
            'move the project to a folder every user can enter (e.g. /srv or /opt), start Keyport as a user other than root, or set DATABASE_URL to a PostgreSQL of your own.',
        );
        expect(`${r.stdout}${r.stderr}`).not.toMatch(/^\s+at /m);
        expect(`${r.stdout}${r.stderr}`).not.toContain('EACCES');
      } else {
        mkdirSync(dataDir);
        const db = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await freePort(), database: 'keyport' });
        await db.stop();
      }
    } finally {
      rmSync(closed, { recursive: true, force: true });
    }
  });
});
