import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withExclusiveLock } from './ensure-build';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'keyport-lock-'));

describe('withExclusiveLock (concurrent starts building into one folder)', () => {
  it('runs holders one after the other, never together', async () => {
    const lock = path.join(tmp(), 'dist.keyport-build-lock');
    const events: string[] = [];
    let inside = 0;
    let waits = 0;
    const holder = (name: string) =>
      withExclusiveLock(lock, () => waits++, async () => {
        inside++;
        expect(inside).toBe(1);
        events.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 50));
        events.push(`${name} out`);
        inside--;
      });
    await Promise.all([holder('a'), holder('b'), holder('c')]);
    expect(events).toHaveLength(6);
    for (let i = 0; i < 6; i += 2) expect(events[i]?.replace(' in', '')).toBe(events[i + 1]?.replace(' out', ''));
    expect(waits).toBeGreaterThanOrEqual(1);
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over a lock left by a process that died', async () => {
    const lock = path.join(tmp(), 'dist.keyport-build-lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(lock, dead.stdout);
    let ran = false;
    await withExclusiveLock(lock, () => undefined, async () => {
      ran = true;
      expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    });
    expect(ran).toBe(true);
  });

  it('waits for a live holder and releases the lock even when the holder fails', async () => {
    const lock = path.join(tmp(), 'dist.keyport-build-lock');
    await expect(withExclusiveLock(lock, () => undefined, async () => Promise.reject(new Error('build failed')))).rejects.toThrow('build failed');
    expect(existsSync(lock)).toBe(false);
    // A lock held by a live process (this one, as another start would) is not taken over.
    writeFileSync(lock, String(process.ppid));
    let ran = false;
    let waiting: () => void = () => undefined;
    const waited = new Promise<void>((r) => (waiting = r));
    const pending = withExclusiveLock(lock, () => waiting(), async () => {
      ran = true;
      return 'done';
    });
    await waited;
    expect(ran).toBe(false);
    unlinkSync(lock); // the other holder finishes
    await expect(pending).resolves.toBe('done');
  });
});
