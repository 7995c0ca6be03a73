// Part 3 — audit search at scale, through the application's own search and export functions
// (lib/audit), on a database of its own loaded with synthetic events (./audit-data.ts).
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { searchAuditEvents } from '../lib/audit/search-audit-events';
import type { AuditFilters } from '../lib/audit/audit-filters';
import { createPrismaClient, type Db } from '../lib/db/create-client';
import { decodeAuditCursor, type AuditCursor } from '../lib/audit/audit-cursor';
import { loadSyntheticAudit, roleArnOf, type AuditDataShape } from './audit-data';
import { ms, ratio, summarize, timed } from './stats';
import { verdict, type ResultRow, type Section } from './report';

export interface AuditSearchOptions {
  databaseUrl: string;
  shape: AuditDataShape;
  workDir: string;
  repetitions: number;
  exportRows: number;
  root: string;
  log: (m: string) => void;
}

interface ExportResult {
  rows: number;
  bytes: number;
  seconds: number;
  cpuSeconds?: number;
  peakRssMiB: number;
  startRssMiB: number;
}

/** Runs the export in a child process of its own, so its peak RSS (VmHWM) is the export's alone. */
export function runExportChild(opts: { root: string; databaseUrl: string; from: Date }): Promise<ExportResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(opts.root, 'bench/export-child.ts'), opts.databaseUrl, opts.from.toISOString()], {
      cwd: opts.root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`export child exited ${code}: ${err.slice(-2000)}`));
      try {
        resolve(JSON.parse(line) as ExportResult);
      } catch {
        reject(new Error(`export child printed no result: ${out.slice(-500)} ${err.slice(-500)}`));
      }
    });
  });
}

async function measure(reps: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  await run(0); // warm-up: plan cache, connection
  const out: number[] = [];
  for (let i = 0; i < reps; i++) out.push((await timed(() => run(i + 1))).ms);
  return out;
}

export async function benchAuditSearch(opts: AuditSearchOptions): Promise<Section> {
  const b = '3 · Audit search';
  opts.log(`loading ${opts.shape.events.toLocaleString('en')} synthetic audit events (COPY)…`);
  const load = await loadSyntheticAudit({ databaseUrl: opts.databaseUrl, shape: opts.shape, workDir: opts.workDir, log: opts.log });
  opts.log(`loaded ${load.events.toLocaleString('en')} events in ${load.seconds.toFixed(0)} s`);
  const db: Db = createPrismaClient(opts.databaseUrl, { max: 2 });
  const raw = new pg.Client({ connectionString: opts.databaseUrl });
  await raw.connect();
  const rows: ResultRow[] = [];
  const notes: string[] = [`${load.events.toLocaleString('en')} events over ${opts.shape.months} months, ${opts.shape.people} people, ${opts.shape.roles} roles, loaded by COPY in ${load.seconds.toFixed(0)} s; ${opts.repetitions} timed repetitions per query (varying the person/key/role), after one warm-up.`];
  try {
    const everyone = { kind: 'everyone' } as const;
    const search = (filters: AuditFilters, cursor?: string) => searchAuditEvents({ db, scope: everyone, filters, ...(cursor ? { cursor } : {}) });
    const end = opts.shape.end ?? new Date();
    const [newest] = (await raw.query<{ t: Date }>('SELECT max(occurred_at) AS t FROM audit_events')).rows;
    const now = newest?.t ?? end;
    const people = load.people;
    const keys = load.accessKeyIds.length > 0 ? load.accessKeyIds : ['ASIANONE'];
    const baseline = summarize(await measure(opts.repetitions, () => db.$queryRaw`SELECT 1`));
    const baseText = (x: number) => `SELECT 1 ${ms(x)}`;

    const queries: { name: string; run: (i: number) => Promise<unknown> }[] = [
      { name: 'by person (e-mail)', run: (i) => search({ person: people[(i * 37) % people.length]?.email ?? 'nobody' }) },
      { name: 'exact AccessKeyId', run: (i) => search({ accessKeyId: keys[(i * 13) % keys.length] ?? '' }) },
      {
        name: 'role + 7-day range',
        run: (i) => {
          const to = new Date(now.getTime() - ((i * 11) % 60) * 86400_000);
          return search({ roleArn: `arn:aws:iam::${String(100000000000 + ((i * 7) % opts.shape.roles) % 40)}:role/team/Role${(i * 7) % opts.shape.roles}`, from: new Date(to.getTime() - 7 * 86400_000), to });
        },
      },
      { name: 'outcome = failure, last 24 h', run: () => search({ outcome: 'failure', from: new Date(now.getTime() - 86400_000) }) },
    ];
    for (const q of queries) {
      const s = summarize(await measure(opts.repetitions, q.run));
      rows.push({ benchmark: b, metric: `${q.name} p50 / p95`, value: `${ms(s.p50)} / ${ms(s.p95)}`, baseline: baseText(baseline.p95), ratio: ratio(s.p95, baseline.p95), goal: 'p95 ≤ 50 ms', verdict: verdict(s.p95 <= 50) });
    }

    // Page 50 of a broad query (every issuance success), by keyset: walk to page 49 once, then time page 50.
    const broad: AuditFilters = { types: ['ISSUE_SUCCEEDED'] };
    let cursor: string | undefined;
    let pages = 1;
    for (; pages < 50; pages++) {
      const page = await search(broad, cursor);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const s50 = summarize(await measure(opts.repetitions, () => search(broad, cursor)));
    rows.push({ benchmark: b, metric: `page ${pages} of a broad query (keyset) p50 / p95`, value: `${ms(s50.p50)} / ${ms(s50.p95)}`, baseline: baseText(baseline.p95), ratio: ratio(s50.p95, baseline.p95), goal: 'p95 ≤ 50 ms', verdict: verdict(s50.p95 <= 50) });

    // Export of the newest `exportRows` events (the `from` that selects about that many).
    const [cut] = (
      await raw.query<{ t: Date | null }>('SELECT occurred_at AS t FROM audit_events ORDER BY occurred_at DESC OFFSET $1 LIMIT 1', [Math.max(0, Math.min(opts.exportRows, load.events) - 1)])
    ).rows;
    const from = cut?.t ?? new Date(0);
    const dbSide = await timed(() => raw.query('SELECT count(*), sum(length(e::text)) FROM audit_events e WHERE occurred_at >= $1', [from]));
    const exp = await runExportChild({ root: opts.root, databaseUrl: opts.databaseUrl, from });
    rows.push({ benchmark: b, metric: `export ${exp.rows.toLocaleString('en')} rows (CSV): time`, value: `${exp.seconds.toFixed(1)} s`, baseline: `DB-side scan ${ms(dbSide.ms)}`, ratio: ratio(exp.seconds * 1000, dbSide.ms), goal: '≤ 2× the scan', verdict: verdict(exp.seconds * 1000 <= 2 * dbSide.ms) });
    rows.push({ benchmark: b, metric: 'export: peak RSS of the exporting process', value: `${exp.peakRssMiB.toFixed(0)} MiB`, baseline: `RSS before export ${exp.startRssMiB.toFixed(0)} MiB`, ratio: ratio(exp.peakRssMiB, exp.startRssMiB), goal: '< 256 MB', verdict: verdict(exp.peakRssMiB * 1.048576 < 256) });
    notes.push(`Baseline for the queries: \`SELECT 1\` through the same Prisma client (p50 ${ms(baseline.p50)}, p95 ${ms(baseline.p95)}), the floor of any query.`);
    notes.push(`Export: ${(exp.bytes / 2 ** 20).toFixed(0)} MiB of CSV through exportAuditEvents (one COPY … TO STDOUT, streamed) in a child process; peak RSS is its VmHWM; that process used ${exp.cpuSeconds?.toFixed(1) ?? '?'} s of CPU (the rest of the time is PostgreSQL producing the rows). The baseline scan: \`SELECT count(*), sum(length(e::text))\` over the same rows.`);

    // The plans, so a missed goal can be read off the report.
    const [busiest] = people;
    const rare = people[people.length - 1];
    const plans = await explainQueries(raw, { busiest: busiest?.email ?? '', rare: rare?.email ?? '', key: keys[0] ?? '', role: roleArnOf(0), now, cursor: cursor ? decodeAuditCursor(cursor) : undefined });
    notes.push(...plans);
  } finally {
    await db.$disconnect();
    await raw.end();
  }
  return { title: b, rows, notes };
}

/** EXPLAIN ANALYZE of the SQL shapes the search functions produce, summarised to one line each. */
async function explainQueries(raw: pg.Client, p: { busiest: string; rare: string; key: string; role: string; now: Date; cursor: AuditCursor | undefined }): Promise<string[]> {
  const day = 86400_000;
  const page = 'ORDER BY occurred_at DESC, id DESC LIMIT 51';
  // The person search: the term resolved on audit_actors, then one branch per subject and one for
  // the session name (buildAuditBranches), each an ordered walk.
  const subjectOf = async (email: string) => (await raw.query<{ sub: string }>('SELECT sub FROM audit_actors WHERE email = lower($1) LIMIT 1', [email])).rows[0]?.sub ?? '';
  const resolve = `SELECT DISTINCT sub FROM audit_actors WHERE sub = $1 OR email = lower($1) OR name ILIKE '%' || $1 || '%' LIMIT 1001`;
  const shapes: { name: string; sql: string; params: unknown[] }[] = [
    { name: 'person: resolve on audit_actors', sql: resolve, params: [p.busiest] },
    { name: 'person: busiest subject branch', sql: `SELECT id FROM audit_events WHERE actor_sub = $1 ${page}`, params: [await subjectOf(p.busiest)] },
    { name: 'person: rarest subject branch', sql: `SELECT id FROM audit_events WHERE actor_sub = $1 ${page}`, params: [await subjectOf(p.rare)] },
    { name: 'person: session-name branch (rarest)', sql: `SELECT id FROM audit_events WHERE session_name = $1 ${page}`, params: [p.rare] },
    { name: 'AccessKeyId', sql: `SELECT id FROM audit_events WHERE access_key_id = $1 ${page}`, params: [p.key] },
    { name: 'role + 7 days', sql: `SELECT id FROM audit_events WHERE role_arn = $1 AND occurred_at >= $2 AND occurred_at < $3 ${page}`, params: [p.role, new Date(p.now.getTime() - 7 * day), p.now] },
    { name: 'outcome failure 24 h', sql: `SELECT id FROM audit_events WHERE outcome = 'failure' AND occurred_at >= $1 ${page}`, params: [new Date(p.now.getTime() - day)] },
  ];
  if (p.cursor) {
    shapes.push({
      name: 'keyset page 50',
      sql: `SELECT id FROM audit_events WHERE type = 'ISSUE_SUCCEEDED' AND occurred_at <= $1 AND (occurred_at < $1 OR (occurred_at = $1 AND id < $2)) ${page}`,
      params: [p.cursor.occurredAt, p.cursor.id.toString()],
    });
  }
  const out: string[] = [];
  for (const s of shapes) {
    const r = await raw.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${s.sql}`, s.params);
    const lines = r.rows.map((x) => x['QUERY PLAN']);
    const nodes = lines.filter((l) => /Scan|Append|Sort|Limit|Unique|Aggregate/.test(l)).slice(0, 4).map((l) => l.trim().replace(/\s+/g, ' ').slice(0, 140));
    const exec = lines.find((l) => l.startsWith('Execution Time')) ?? '';
    out.push(`EXPLAIN ANALYZE ${s.name}: ${exec}; ${nodes.join(' → ')}`);
  }
  return out;
}
