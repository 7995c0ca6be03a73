// `npm run bench` runs under `--conditions=react-server` (so `server-only` imports resolve as they
// do in the app's server bundle), and so does its export child. Under that condition a package can
// resolve to another build than the one vitest loads: next-intl's react-server entry imports
// React hooks that React's react-server build does not have, and the bench died on start-up with
// the tests all green. This loads every module of the bench the way the bench loads it.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
/** Entry points with a main of their own (run.ts starts the whole bench); checked separately. */
const SCRIPTS = new Set(['run.ts', 'export-child.ts']);
const modules = readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !SCRIPTS.has(f))
  .map((f) => `./bench/${f}`);

function underBenchConditions(args: string[]) {
  return spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

describe('the bench under its own resolve conditions', () => {
  it('loads every module run.ts imports', () => {
    expect(modules.length).toBeGreaterThan(10);
    const script = `for (const m of ${JSON.stringify(modules)}) await import(m); console.log('loaded ' + ${modules.length});`;
    const r = underBenchConditions(['--input-type=module', '-e', script]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`loaded ${modules.length}`);
  });

  it('loads the export child (it stops at its usage line, after its imports)', () => {
    const r = underBenchConditions(['bench/export-child.ts']);
    expect(r.stderr).toContain('usage: export-child.ts <databaseUrl> <fromIso>');
    expect(r.stderr).not.toContain('SyntaxError');
  });
});
