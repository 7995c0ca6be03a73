// Linux only (/proc): the bench counts its own processes' CPU, a child's included, and nothing else.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuByKind, cpuUsedBetween } from './process-cpu';

describe.skipIf(!existsSync('/proc/self/stat'))('cpuByKind', () => {
  it('counts a busy child of this process, and only processes of this tree', { timeout: 60_000 }, async () => {
    const before = cpuByKind();
    // Busy until it has used 0.15 s of CPU (however loaded the machine), then idle.
    const child = spawn(process.execPath, ['-e', 'while (process.cpuUsage().user < 150000); console.log("done"); setTimeout(() => {}, 20000);'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      await new Promise<void>((resolve) => child.stdout?.on('data', () => resolve()));
      await new Promise((r) => setTimeout(r, 50));
      const used = cpuUsedBetween(before, cpuByKind());
      expect(used.get('sandbox IdPs and AWS (node)') ?? 0).toBeGreaterThan(0.1);
      // Kinds come only from this tree: no portal or database runs under a unit test.
      expect(used.get('portal (workers)') ?? 0).toBe(0);
      expect(used.get('PostgreSQL') ?? 0).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
