// Synthetic audit events for the search benchmark, loaded with COPY. Everything that knows the
// shape of `audit_events` is in this file (AUDIT_COPY_COLUMNS and `eventRow`): when the table
// changes, adapt it here.
//
// The distribution: `people` people whose activity follows a Zipf-like law (a few are very busy),
// each using 2–8 of `roles` roles; issuances spread over `months` months up to now; each issuance
// is ISSUE_REQUESTED followed a few hundred ms later by ISSUE_SUCCEEDED (≈95 %) or ISSUE_FAILED
// (≈4 %), and ≈1 % of requests are ISSUE_DENIED. Events are generated in time order, as the
// application writes them.
//
// The rows are COPYed with the chain trigger disabled (session_replication_role = replica): the
// trigger serialises every insert on one row of audit_chain_state, and 5 million updates of that
// row in one transaction make each lookup walk the row's whole version chain. seq/prev_hash/hash are
// filled here with a SHA-256 chain of the same width, so rows are as wide as real ones, but the
// chain is not the database's canonical one: do not run the chain verifier on the bench database.
// The same bypass skips the trigger that keeps audit_actors; the loader fills it after the COPY.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export const AUDIT_COPY_COLUMNS = [
  'occurred_at', 'type', 'outcome', 'intent_id', 'request_id', 'actor_sub', 'actor_email', 'actor_name', 'actor_groups', 'idp_kind',
  'mapping_id', 'role_arn', 'account_id', 'session_name', 'duration_seconds', 'region', 'source_ip', 'user_agent', 'access_key_id',
  'expires_at', 'assumed_role_arn', 'sts_request_id', 'error_code', 'details', 'seq', 'prev_hash', 'hash',
] as const;

export interface AuditDataShape {
  events: number;
  people: number;
  roles: number;
  months: number;
  /** The newest event's time (default now). */
  end?: Date;
  seed?: number;
}

/** Small deterministic PRNG (mulberry32), so two runs load the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (r: () => number, n: number): string => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
const uuid = (r: () => number): string => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-8${hex(r, 3)}-${hex(r, 12)}`;
const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const accessKeyId = (r: () => number): string => `ASIA${Array.from({ length: 16 }, () => KEY_CHARS[Math.floor(r() * 32)]).join('')}`;

export interface SyntheticPerson {
  sub: string;
  email: string;
  name: string;
  session: string;
  groups: string[];
  roles: number[];
  weight: number;
}

export function syntheticPeople(shape: AuditDataShape): SyntheticPerson[] {
  const r = rng((shape.seed ?? 7) + 1);
  const people: SyntheticPerson[] = [];
  for (let i = 0; i < shape.people; i++) {
    const nRoles = 2 + Math.floor(r() * 7);
    const roles = Array.from({ length: nRoles }, () => Math.floor(r() * shape.roles));
    people.push({
      sub: `sub-${uuid(r)}`,
      email: `person${i}@example.com`,
      name: `Person ${i} Lastname${i % 97}`,
      session: `person${i}@example.com`,
      groups: [`team-${i % 40}`, `dept-${i % 9}`, ...(i % 5 === 0 ? ['eng-oncall'] : [])],
      roles,
      // Zipf-like: person i is about 1/(i+1)^0.8 as active as the busiest.
      weight: 1 / (i + 1) ** 0.8,
    });
  }
  return people;
}

export const roleArnOf = (role: number): string => `arn:aws:iam::${String(100000000000 + (role % 40))}:role/team/Role${role}`;

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes `shape.events` events as CSV files of at most `rowsPerFile` rows; calls `onFile` for each, in order. */
export async function generateAuditCsv(opts: { shape: AuditDataShape; dir: string; rowsPerFile: number; onFile: (file: string, rows: number) => Promise<void> }): Promise<{ events: number; accessKeyIds: string[]; people: SyntheticPerson[] }> {
  const { shape } = opts;
  const r = rng(shape.seed ?? 7);
  const people = syntheticPeople(shape);
  const cumulative: number[] = [];
  let total = 0;
  for (const p of people) cumulative.push((total += p.weight));
  const pick = (): SyntheticPerson => {
    const x = r() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return people[lo] ?? people[0]!;
  };
  const end = (shape.end ?? new Date()).getTime();
  const span = shape.months * 30.44 * 86400_000;
  const start = end - span;
  const sampleKeys: string[] = [];
  let prev = '0'.repeat(64);
  let seq = 0;
  let written = 0;
  let fileNo = 0;
  let pending: Promise<void> = Promise.resolve();
  mkdirSync(opts.dir, { recursive: true });

  while (written < shape.events) {
    const file = path.join(opts.dir, `audit-${String(fileNo++).padStart(4, '0')}.csv`);
    const out = createWriteStream(file);
    let rows = 0;
    let buf = '';
    const push = (fields: (string | number | null)[]): void => {
      seq++;
      const line = fields.map(csvField).join(',');
      const hash = createHash('sha256').update(prev).update(line).digest('hex');
      buf += `${line},${seq},${prev},${hash}\n`;
      prev = hash;
      rows++;
      written++;
    };
    while (rows < opts.rowsPerFile && written < shape.events) {
      // Time advances evenly with the event count; a little jitter keeps rows from colliding.
      const t = start + (span * written) / shape.events + Math.floor(r() * 50);
      const p = pick();
      const role = p.roles[Math.floor(r() * p.roles.length)] ?? 0;
      const roleArn = roleArnOf(role);
      const account = roleArn.split(':')[4] ?? '';
      const mapping = `00000000-0000-4000-8000-${String(role).padStart(12, '0')}`;
      const ip = `10.${p.roles.length}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`;
      const ua = r() < 0.6 ? 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36' : 'aws-cli/2.22.0 keyport-credential-process';
      const region = ['us-east-1', 'eu-west-1', 'eu-central-1'][Math.floor(r() * 3)] ?? 'us-east-1';
      const groups = `{${p.groups.join(',')}}`;
      const requestId = uuid(r);
      const duration = 3600 * (1 + Math.floor(r() * 4));
      const iso = (ms: number) => new Date(ms).toISOString();
      const common = (at: number, type: string, outcome: string | null, intent: string | null) => [
        iso(at), type, outcome, intent, requestId, p.sub, p.email, p.name, groups, 'OIDC', mapping, roleArn, account, p.session, duration, region, ip, ua,
      ];
      const dice = r();
      if (dice < 0.01) {
        push([...common(t, 'ISSUE_DENIED', 'denied', null), null, null, null, null, null, JSON.stringify({ reason: 'not entitled' })]);
        continue;
      }
      const intent = uuid(r);
      push([...common(t, 'ISSUE_REQUESTED', null, intent), null, null, null, null, null, JSON.stringify({ viaGroups: p.groups.slice(0, 1) })]);
      if (written >= shape.events || rows >= opts.rowsPerFile) break;
      const t2 = t + 150 + Math.floor(r() * 400);
      if (dice < 0.05) {
        push([...common(t2, 'ISSUE_FAILED', 'failure', intent), null, null, null, uuid(r), r() < 0.5 ? 'AccessDenied' : 'InvalidIdentityToken', JSON.stringify({ attempts: 1 })]);
      } else {
        const key = accessKeyId(r);
        if (sampleKeys.length < 1000 || r() < 0.0005) sampleKeys.push(key);
        push([...common(t2, 'ISSUE_SUCCEEDED', 'success', intent), key, iso(t2 + duration * 1000), `arn:aws:sts::${account}:assumed-role/Role${role}/${p.session}`, uuid(r), null, '{}']);
      }
      if (buf.length > 1 << 20) {
        if (!out.write(buf)) await new Promise<void>((res) => out.once('drain', () => res()));
        buf = '';
      }
    }
    out.end(buf);
    await new Promise<void>((res, rej) => out.once('finish', () => res()).once('error', rej));
    // Pipelined: the database loads this file while the next one is generated.
    await pending;
    pending = opts.onFile(file, rows).finally(() => rmSync(file, { force: true }));
  }
  await pending;
  return { events: written, accessKeyIds: sampleKeys, people };
}

/** Creates (or recreates) a database next to `adminUrl`'s, for the search benchmark. */
export async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Loads synthetic events into `databaseUrl` (migrated, audit table empty) with COPY FROM files the
 * server reads (the embedded server runs on this machine), creating the monthly partitions first.
 */
export async function loadSyntheticAudit(opts: { databaseUrl: string; shape: AuditDataShape; workDir: string; rowsPerFile?: number; log?: (m: string) => void }): Promise<{ events: number; seconds: number; accessKeyIds: string[]; people: SyntheticPerson[] }> {
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  const t0 = Date.now();
  try {
    const end = opts.shape.end ?? new Date();
    const shape = { ...opts.shape, end };
    const first = new Date(end.getTime() - opts.shape.months * 30.44 * 86400_000);
    await client.query('SELECT audit_ensure_partitions($1::timestamptz, $2::int)', [first, opts.shape.months + 3]);
    // Secondary indexes are built once after the load (a sorted build is far cheaper than millions
    // of insertions), from their own definitions read here, so whatever indexes the schema has
    // today are the ones the queries meet.
    const indexes = (
      await client.query<{ name: string; def: string }>(
        `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
          WHERE x.indrelid = 'audit_events'::regclass AND NOT x.indisprimary AND NOT x.indisunique`,
      )
    ).rows;
    for (const ix of indexes) await client.query(`DROP INDEX "${ix.name}"`);
    await client.query("SET maintenance_work_mem = '256MB'");
    await client.query('SET synchronous_commit = off');
    await client.query('SET session_replication_role = replica');
    let loaded = 0;
    let lastLog = Date.now();
    const result = await generateAuditCsv({
      shape,
      dir: path.resolve(opts.workDir),
      rowsPerFile: opts.rowsPerFile ?? 250_000,
      onFile: async (file, rows) => {
        await client.query(`COPY audit_events (${AUDIT_COPY_COLUMNS.join(', ')}) FROM '${file.replace(/'/g, "''")}' WITH (FORMAT csv)`);
        loaded += rows;
        if (opts.log && Date.now() - lastLog > 15_000) {
          lastLog = Date.now();
          opts.log(`loaded ${loaded.toLocaleString('en')} of ${opts.shape.events.toLocaleString('en')} audit events`);
        }
      },
    });
    await client.query('SET session_replication_role = origin');
    opts.log?.(`building ${indexes.length} indexes…`);
    for (const ix of indexes) await client.query(ix.def.replace(/ ON ONLY /, " ON "));
    // The COPY bypassed the trigger that keeps audit_actors (the people the search resolves a
    // person to): fill it as the migration does for existing events, if this schema has it.
    const [backfill] = (await client.query<{ fn: string | null }>("SELECT to_regproc('audit_actors_backfill') AS fn")).rows;
    if (backfill?.fn) {
      const [done] = (await client.query<{ n: string }>('SELECT audit_actors_backfill()::text AS n')).rows;
      opts.log?.(`audit_actors: ${done?.n ?? '?'} identities`);
      await client.query('ANALYZE audit_actors');
    }
    // VACUUM as well as ANALYZE: a table that has lived in production has its hint bits and
    // visibility map set. Freshly COPYed pages have neither, so the first reads would write them
    // back and autovacuum would start on every partition in the middle of the timed queries.
    opts.log?.('VACUUM (ANALYZE) audit_events…');
    await client.query('VACUUM (ANALYZE) audit_events');
    return { events: result.events, seconds: (Date.now() - t0) / 1000, accessKeyIds: result.accessKeyIds, people: result.people };
  } finally {
    await client.end();
  }
}
