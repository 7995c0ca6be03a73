// Part 5 — first-load JavaScript of a page: every JS chunk the served HTML references (script tags,
// preloads, and the chunks named in the inline RSC payload for the page's client components),
// fetched from the production server and gzipped here.
import { gzipSync } from 'node:zlib';
import { verdict, type ResultRow } from './report';

export function scriptChunks(html: string): string[] {
  const found = new Set<string>();
  // Paths appear plainly in src/href and JSON-escaped inside the RSC payload, with or without /_next/.
  const text = html.replace(/\\u002F/gi, '/').replace(/\\\//g, '/');
  for (const m of text.matchAll(/(\/_next\/)?(static\/[A-Za-z0-9_\-./~%]+?\.js)(?=[?"'\s\\),\]])/g)) found.add(`/_next/${m[2] ?? ''}`);
  // `nomodule` scripts (the legacy polyfills) are neither fetched nor run by current browsers.
  for (const tag of text.matchAll(/<script\b[^>]*\bnomodule\b[^>]*>/gi)) {
    const src = /src="[^"]*?(static\/[^"?]+\.js)/.exec(tag[0])?.[1];
    if (src) found.delete(`/_next/${src}`);
  }
  return [...found].sort();
}

/** Libraries recognisable in a chunk's text, to say what the weight is made of. */
const MARKERS: [string, RegExp][] = [
  ['react-dom', /react-dom|__reactContainer|reactFiber/],
  ['next runtime', /__next_f|next-router-state-tree|NEXT_REDIRECT/],
  ['zod', /ZodError|\$ZodType|_zod/],
  ['next-auth', /next-auth|\/api\/auth\/signin|csrfToken/],
];

export interface ChunkWeight {
  path: string;
  gzipBytes: number;
  contains: string[];
}

export async function pageWeight(opts: { url: string; cookie?: string }): Promise<{ status: number; chunks: number; rawBytes: number; gzipBytes: number; largest: ChunkWeight[] }> {
  const headers: Record<string, string> = { accept: 'text/html' };
  if (opts.cookie) headers.cookie = opts.cookie;
  const res = await fetch(opts.url, { headers, redirect: 'manual' });
  const html = await res.text();
  const origin = new URL(opts.url).origin;
  let rawBytes = 0;
  let gzipBytes = 0;
  const chunks = scriptChunks(html);
  const weights: ChunkWeight[] = [];
  for (const c of chunks) {
    const r = await fetch(`${origin}${c}`);
    if (!r.ok) throw new Error(`${c} answered HTTP ${r.status}`);
    const body = Buffer.from(await r.arrayBuffer());
    const gz = gzipSync(body).length;
    rawBytes += body.length;
    gzipBytes += gz;
    const text = body.toString('utf8');
    weights.push({ path: c, gzipBytes: gz, contains: MARKERS.filter(([, re]) => re.test(text)).map(([name]) => name) });
  }
  const largest = weights.sort((a, b) => b.gzipBytes - a.gzipBytes).slice(0, 4);
  return { status: res.status, chunks: chunks.length, rawBytes, gzipBytes, largest };
}

export async function benchPageWeight(opts: { pages: { name: string; url: string }[]; cookie: string }): Promise<{ rows: ResultRow[]; notes: string[] }> {
  const b = '5 · Page weight';
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  for (const p of opts.pages) {
    const w = await pageWeight({ url: p.url, cookie: opts.cookie });
    const kb = w.gzipBytes / 1024;
    rows.push({ benchmark: b, metric: `${p.name}: first-load JS (gzip)`, value: `${kb.toFixed(1)} KiB`, baseline: '— (not machine-dependent)', ratio: '—', goal: '≤ 150 KB gzip', verdict: verdict(w.status === 200 && w.gzipBytes <= 150 * 1024) });
    notes.push(`${p.name} (${new URL(p.url).pathname}, HTTP ${w.status}): ${w.chunks} JS chunks, ${(w.rawBytes / 1024).toFixed(1)} KiB raw, ${kb.toFixed(1)} KiB gzipped (zlib default level). Largest: ${w.largest.map((c) => `${c.path.split('/').pop()} ${(c.gzipBytes / 1024).toFixed(1)} KiB${c.contains.length ? ` [${c.contains.join(', ')}]` : ''}`).join('; ')}.`);
  }
  return { rows, notes };
}
