// `npm start` serves a production build. It builds when there is none or when the sources
// changed since the last one (a hash over the files that go into the build), so a fresh clone
// needs only `npm install && npm start`, and nobody is served a stale build by accident.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

export async function ensureBuild(opts: { root: string; log: (m: string) => void; distDir?: string; force?: boolean }): Promise<void> {
  const dist = path.resolve(opts.root, opts.distDir ?? '.next');
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
  writeFileSync(hashFile, hash);
}
