// `npm start` serves a production build. It builds when there is none or when the sources
// changed since the last one (a hash over the files that go into the build), so a fresh clone
// needs only `npm install && npm start`, and nobody is served a stale build by accident.
// Two starts in one checkout (the e2e suite runs an HTTP and an HTTPS stack on one build) take
// turns: the check-and-build runs under an exclusive lock, so the second finds the first's build
// instead of building into the same folder at the same time (which corrupts it).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const INPUTS = ['app', 'components', 'lib', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json', 'prisma/schema.prisma'];
const SKIP = new Set(['node_modules', 'generated', '.next', '.data']);

function walk(p: string, out: string[]): void {
  if (!existsSync(p)) return;
  const st = statSync(p);
  if (st.isFile()) {
    if (!/\.test\.tsx?$/.test(p)) out.push(p);
    return;
  }
  for (const name of readdirSync(p).sort()) if (!SKIP.has(name)) walk(path.join(p, name), out);
}

export function sourceHash(root: string): string {
  const files: string[] = [];
  for (const i of INPUTS) walk(path.join(root, i), files);
  const h = createHash('sha256');
  for (const f of files) h.update(path.relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

export function nextBin(): string {
  return createRequire(import.meta.url).resolve('next/dist/bin/next');
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | null {
  try {
    return Number(readFileSync(file, 'utf8').trim());
  } catch {
    return null;
  }
}

const ignoreMissing = (f: () => void) => {
  try {
    f();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
};

/**
 * Runs fn holding an exclusive lock: the file `lockFile`, created with O_EXCL and holding the
 * holder's pid. A lock whose holder died (a killed start) is taken over: it is renamed aside
 * atomically, and put back if what was moved turns out to be another process's fresh lock.
 */
export async function withExclusiveLock<T>(lockFile: string, onWait: () => void, fn: () => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(lockFile), { recursive: true });
  let told = false;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readPid(lockFile);
    // A holder that has not written its pid yet (null/NaN between open and write) is alive.
    if (holder !== null && !Number.isNaN(holder) && holder !== 0 && !alive(holder)) {
      const aside = `${lockFile}.stale-${process.pid}`;
      let moved = false;
      try {
        renameSync(lockFile, aside);
        moved = true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      if (moved) {
        if (readPid(aside) !== holder) ignoreMissing(() => linkSync(aside, lockFile));
        ignoreMissing(() => unlinkSync(aside));
      }
      continue;
    }
    if (!told) onWait();
    told = true;
    await new Promise((r) => setTimeout(r, 300));
  }
  try {
    return await fn();
  } finally {
    if (readPid(lockFile) === process.pid) ignoreMissing(() => unlinkSync(lockFile));
  }
}

export async function ensureBuild(opts: { root: string; log: (m: string) => void; distDir?: string; force?: boolean }): Promise<void> {
  const dist = path.resolve(opts.root, opts.distDir ?? '.next');
  // Beside the build folder, not in it: `next build` empties that folder.
  const lockFile = `${dist}.keyport-build-lock`;
  await withExclusiveLock(lockFile, () => opts.log(`waiting for another start that is building into ${path.relative(opts.root, dist) || dist}…`), () => buildIfNeeded(dist, opts));
}

async function buildIfNeeded(dist: string, opts: { root: string; log: (m: string) => void; force?: boolean }): Promise<void> {
  const hashFile = path.join(dist, 'keyport-source-hash');
  const hash = sourceHash(opts.root);
  const built = existsSync(path.join(dist, 'BUILD_ID')) && existsSync(hashFile) && readFileSync(hashFile, 'utf8') === hash;
  if (built && !opts.force) return;
  opts.log(built ? 'rebuilding Keyport (forced)…' : 'building Keyport (first start, or the sources changed) — this takes a minute…');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin(), 'build'], {
      cwd: opts.root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code})`))));
  });
  // Hashed again after the build: `next build` itself edits an input (it adds the build folder's
  // type paths to tsconfig.json), and the pre-build hash would make the next start build again —
  // under a stack that is serving this folder.
  writeFileSync(hashFile, sourceHash(opts.root));
}
