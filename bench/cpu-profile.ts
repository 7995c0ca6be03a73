// Summarises V8 CPU profiles (.cpuprofile, from `node --cpu-prof`; the bench takes them of the
// portal with BENCH_PORTAL_NODE_ARGS='--cpu-prof --cpu-prof-dir=DIR'): the top frames by self time,
// and self time by where the code comes from (Next.js, React, Prisma, pg, Keyport's own code,
// Node's internals, garbage collection, idle). `npx tsx bench/cpu-profile.ts DIR/*.cpuprofile`.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const maps = new Map<string, SourceMap | null>();

/** The original source of a frame in a bundled chunk (Next.js writes .map files beside them). */
function originalPlace(url: string, line: number, column: number): string | null {
  if (!url.startsWith('file://') || !/\/server\/chunks\//.test(url)) return null;
  let map = maps.get(url);
  if (map === undefined) {
    const file = `${fileURLToPath(url)}.map`;
    map = existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]) : null;
    maps.set(url, map);
  }
  const e = map?.findEntry(line, column) as { originalSource?: string; originalLine?: number; name?: string } | undefined;
  if (!e?.originalSource) return null;
  const src = e.originalSource.replace(/^.*?\]\/(?:\(?[^/]*\)?\/)?/, '').replace(/^.*node_modules\//, '');
  return `${e.name ? `${e.name} ` : ''}${src}:${(e.originalLine ?? 0) + 1}`;
}

/** Where a frame's code comes from, by its script URL. */
export function originOf(url: string, functionName: string): string {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'V8/native (program)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m?.[1]) {
    const pkg = m[1];
    if (pkg === 'next') return /compiled\/(react|react-dom|react-server-dom)/.test(url) ? 'React (in next)' : 'Next.js';
    if (pkg.startsWith('@prisma') || pkg === 'prisma') return 'Prisma';
    return pkg;
  }
  if (url.startsWith('node:') || url === '') return 'Node.js internals';
  if (/\.next|next-bench|next-e2e/.test(url)) return /node_modules|webpack|turbopack|\[turbopack\]/.test(url) ? 'Next.js (bundled)' : 'Keyport (bundled app code)';
  return 'other';
}

export function summariseProfiles(profiles: Profile[], top = 25): { totalMs: number; busyMs: number; frames: [string, number][]; origins: [string, number][]; inclusive: [string, number][] } {
  const frames = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const origins = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  for (const p of profiles) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const keyOf = (n: ProfileNode) => {
      const f = n.callFrame;
      const mapped = originalPlace(f.url, f.lineNumber, f.columnNumber);
      return `${f.functionName || '(anonymous)'} ${mapped ? `[${mapped}]` : `${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(\.data|lib|app)\//, '$1/')}:${f.lineNumber + 1}`}`;
    };
    const samples = p.samples ?? [];
    const deltas = p.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const node = byId.get(samples[i] as number);
      if (!node) continue;
      const ms = (deltas[i] ?? 0) / 1000;
      totalMs += ms;
      const { functionName, url } = node.callFrame;
      const origin = originOf(url, functionName);
      if (origin === 'idle') {
        idleMs += ms;
        continue;
      }
      const key = keyOf(node);
      frames.set(key, (frames.get(key) ?? 0) + ms);
      // Inclusive: every distinct frame on the sample's stack.
      const seen = new Set<string>();
      for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
        const n = byId.get(id);
        if (!n) break;
        const k = keyOf(n);
        if (seen.has(k)) continue;
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
      }
      origins.set(origin, (origins.get(origin) ?? 0) + ms);
    }
  }
  const sort = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { totalMs, busyMs: totalMs - idleMs, frames: sort(frames).slice(0, top), origins: sort(origins), inclusive: sort(inclusive).slice(0, top * 4) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2);
  const s = summariseProfiles(files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Profile));
  const pct = (ms: number) => `${((100 * ms) / s.busyMs).toFixed(1)} %`;
  process.stdout.write(`${files.length} profile(s): ${(s.totalMs / 1000).toFixed(1)} s sampled, ${(s.busyMs / 1000).toFixed(1)} s busy\n\nby origin (self time, share of busy):\n`);
  for (const [o, ms] of s.origins) process.stdout.write(`  ${pct(ms).padStart(7)}  ${(ms / 1000).toFixed(2)} s  ${o}\n`);
  process.stdout.write('\ntop frames (self time):\n');
  for (const [f, ms] of s.frames) process.stdout.write(`  ${pct(ms).padStart(7)}  ${f.slice(0, 160)}\n`);
  process.stdout.write('\ntop frames (inclusive: self and callees):\n');
  for (const [f, ms] of s.inclusive) process.stdout.write(`  ${pct(ms).padStart(7)}  ${f.slice(0, 160)}\n`);
}
