// The server entry's worker setting, without a build: a bad KEYPORT_WORKERS stops it before
// anything starts, and workers that cannot start (here: no build to serve) stop the primary
// instead of being restarted for ever.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '@/test/free-port';

const server = path.resolve(import.meta.dirname, 'keyport-server.mjs');
const empty = mkdtempSync(path.join(tmpdir(), 'keyport-server-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

function run(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(process.execPath, [server], { cwd: empty, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code: number | null) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('keyport-server.mjs: KEYPORT_WORKERS', () => {
  for (const bad of ['0', '-1', '1.5', 'two', '65']) {
    it(`refuses KEYPORT_WORKERS=${bad}`, async () => {
      const r = await run({ KEYPORT_WORKERS: bad, PORT: String(await freePort()) });
      expect(r.code).toBe(1);
      expect(r.out).toContain('KEYPORT_WORKERS must be a whole number from 1 to 64');
    });
  }

  it('stops when its workers cannot start, instead of restarting them for ever', async () => {
    const r = await run({ KEYPORT_WORKERS: '2', PORT: String(await freePort()), NEXT_DIST_DIR: 'no-such-build' });
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('2 workers on http://localhost:');
    expect(r.out).toMatch(/worker \d exited before it served/);
  });
});

describe('keyport-server.mjs: KEYPORT_DIRECT_ROUTES', () => {
  for (const bad of ['yes', 'true', '2', 'off']) {
    it(`refuses KEYPORT_DIRECT_ROUTES=${bad}`, async () => {
      const r = await run({ KEYPORT_DIRECT_ROUTES: bad, KEYPORT_WORKERS: '1', PORT: String(await freePort()) });
      expect(r.code).toBe(1);
      expect(r.out).toContain('KEYPORT_DIRECT_ROUTES must be 1');
    });
  }
});
