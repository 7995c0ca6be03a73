// `npm run bench`: starts its own sandbox (bench/stack.ts), runs the five benchmarks with bounded
// loops, prints the table and writes it to bench/RESULTS.md (followed by bench/FINDINGS.md, the
// hand-written analysis). Parameters come from the environment (see PARAMS below).
// Run with the react-server condition (as the package script does) so lib modules marked
// `server-only` load outside Next.js.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { appendAuditEvent } from '../lib/audit/append-audit-event';
import { verifyAuditChain } from '../lib/audit/verify-audit-chain';
import type { Actor } from '../lib/auth/actor';
import { issueCredentials, type IssueDeps } from '../lib/issuance/issue-credentials';
import { createLogger } from '../lib/log/logger';
import { consumeQuota } from '../lib/rate-limit/consume-quota';
import { createPrismaClient } from '../lib/db/create-client';
import { applyMigrations } from '../lib/db/migrate';
import { assumeRoleWithWebIdentity } from '../lib/sts/assume-role-with-web-identity';
import { issueBrokerToken } from '../lib/broker/issue-broker-token';
import { readBrokerKeys } from '../lib/broker/read-broker-keys';
import { getIdToken } from '../sandbox/oidc/get-id-token';
import { findDemoPerson } from '../sandbox/people';
import { recreateDatabase } from './audit-data';
import { benchAuditSearch } from './audit-search';
import { benchBrokerMint } from './broker-mint';
import { benchCliCredentialProcess, signInCliWithCookie } from './cli-credential-process';
import { benchConcurrency, pool } from './concurrency';
import { benchMetricsScrape } from './metrics-scrape';
import { benchEntitlements } from './entitlements';
import { benchIssuanceOverhead } from './issuance-overhead';
import { auditLedger } from './ledger';
import { machineInfo } from './machine';
import { benchPageWeight } from './page-weight';
import { signInToPortal } from './portal-session';
import { renderReport, type Section } from './report';
import { startAuditCollector, type AuditCollector } from '../test/audit-collector';
import { sinkDeliveryRows } from './sink-delivery';
import { BENCH_ENV, BENCH_PORT_OFFSET, BENCH_SINK, BENCH_SINK_PORT, startBenchStack, type BenchStack } from './stack';

const root = path.resolve(import.meta.dirname, '..');
const say = (m: string) => process.stdout.write(`[bench] ${new Date().toISOString().slice(11, 19)} ${m}\n`);

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer (got ${raw})`);
  return n;
}

const PARAMS = {
  BENCH_PARTS: process.env.BENCH_PARTS ?? '1,2,3,4,5,6,7',
  BENCH_CLI_RUNS: intEnv('BENCH_CLI_RUNS', 30),
  BENCH_MINTS: intEnv('BENCH_MINTS', 2000),
  BENCH_PAIRS: intEnv('BENCH_PAIRS', 300),
  BENCH_WARMUP: intEnv('BENCH_WARMUP', 30),
  BENCH_CLIENTS: intEnv('BENCH_CLIENTS', 200),
  BENCH_ISSUANCES: intEnv('BENCH_ISSUANCES', 2000),
  /** Issuances per run of the worker scaling (1, 2 and N workers; the main run is N). */
  BENCH_SCALING_ISSUANCES: intEnv('BENCH_SCALING_ISSUANCES', 1000),
  BENCH_SCRAPES: intEnv('BENCH_SCRAPES', 50),
  BENCH_AUDIT_EVENTS: intEnv('BENCH_AUDIT_EVENTS', 5_000_000),
  BENCH_AUDIT_REPS: intEnv('BENCH_AUDIT_REPS', 40),
  BENCH_EXPORT_ROWS: intEnv('BENCH_EXPORT_ROWS', 1_000_000),
  BENCH_MAPPINGS: intEnv('BENCH_MAPPINGS', 20_000),
  BENCH_GROUPS: intEnv('BENCH_GROUPS', 500),
};
const parts = new Set(PARAMS.BENCH_PARTS.split(',').map((s) => s.trim()));

const ISSUERS = ['alice', 'erin', 'adam', 'rita'] as const;
const ROLES = ['arn:aws:iam::111122223333:role/DevReadOnly', 'arn:aws:iam::111122223333:role/SecurityAudit'];

interface Issuer {
  username: string;
  cookie: string;
  mappingId: string;
  roleArn: string;
  email: string;
  /** The mapping is in broker mode (the bench sandbox's default): its role trusts Keyport's tokens only. */
  broker: boolean;
}

async function findMapping(databaseUrl: string, groups: string[]): Promise<{ id: string; roleArn: string; broker: boolean }> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const r = await c.query<{ id: string; role_arn: string; federation_mode: string | null }>(
      "SELECT id, role_arn, federation_mode FROM role_mappings WHERE enabled AND idp_group = ANY($1) AND role_arn = ANY($2) AND idp_kind IN ('OIDC','BOTH') AND 'us-east-1' = ANY(allowed_regions) ORDER BY role_arn, id LIMIT 1",
      [groups, ROLES],
    );
    const m = r.rows[0];
    if (!m) throw new Error(`no seeded mapping for groups ${groups.join(', ')}`);
    return { id: m.id, roleArn: m.role_arn, broker: m.federation_mode !== 'passthrough' };
  } finally {
    await c.end();
  }
}

async function issueOverHttp(portalUrl: string, who: Issuer): Promise<string> {
  const res = await fetch(`${portalUrl}/api/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: who.cookie, origin: portalUrl },
    body: JSON.stringify({ mappingId: who.mappingId, durationSeconds: 900, region: 'us-east-1' }),
  });
  const body = (await res.json().catch(() => ({}))) as { credentials?: { accessKeyId?: string }; error?: { code?: string; message?: string } };
  if (res.status !== 200 || !body.credentials?.accessKeyId) throw new Error(`HTTP ${res.status} ${body.error?.code ?? ''}`.trim());
  return body.credentials.accessKeyId;
}

/**
 * The steps of one issuance, called in this process against the bench database, to show where the
 * time of POST /api/credentials goes: the whole of issueCredentials() without HTTP, Next.js and the
 * session; the quota; one audit append; one trivial query; and one durable commit, the floor.
 */
async function issuanceBreakdown(
  stack: BenchStack,
  who: Issuer,
  token: () => Promise<string>,
): Promise<{ arms: Record<string, () => Promise<void>>; durableCommit: () => Promise<void>; close: () => Promise<void> }> {
  const db = createPrismaClient(stack.databaseUrl, { max: 4 });
  const p = findDemoPerson(who.username);
  const actor: Actor = { sessionId: 'bench', sub: `bench-${who.username}`, idpKind: 'OIDC', email: who.email, name: p?.name ?? null, username: who.username, groups: p?.groups ?? [], roles: ['employee'], idTokenExpiresAt: null, emailVerified: true };
  const deps: IssueDeps = {
    db,
    log: createLogger({ level: 'error', write: () => undefined }),
    issuer: stack.settings.oidcIssuer,
    clientId: stack.settings.oidcClientId,
    globalStsEndpoint: stack.settings.awsUrl,
    rateLimitPerHour: 100_000,
    refusalLimitPerHour: 1000,
    supportContact: 'bench',
    webIdentityToken: token,
    assumeRole: (o) => assumeRoleWithWebIdentity(o),
  };
  const auditActor = { sub: actor.sub, email: actor.email, name: actor.name, groups: actor.groups, idpKind: 'OIDC' };
  // A logged table in a database of its own, for the durable-commit floor.
  const probe = new pg.Client({ connectionString: await recreateDatabase(stack.databaseMigrationUrl, 'keyport_bench_commit_probe') });
  await probe.connect();
  await probe.query('CREATE TABLE commit_probe (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL DEFAULT now())');
  const arms: Record<string, () => Promise<void>> = {
    'issueCredentials() in-process (no HTTP, Next.js or session)': async () =>
      void (await issueCredentials({ actor, request: { mappingId: who.mappingId, durationSeconds: 900, region: 'us-east-1' }, context: { requestId: randomUUID(), sourceIp: null, userAgent: 'bench' }, deps })),
    'consumeQuota() (one statement, unlogged table)': async () => void (await consumeQuota({ db, key: `bench:${who.username}`, limitPerHour: 100_000 })),
    'appendAuditEvent() (one chained insert)': async () => void (await appendAuditEvent(db, { type: 'ISSUE_REQUESTED', actor: auditActor, intentId: randomUUID(), details: { bench: true } })),
    'SELECT 1 through Prisma': async () => void (await db.$queryRaw`SELECT 1`),
  };
  return {
    arms,
    durableCommit: async () => void (await probe.query('INSERT INTO commit_probe DEFAULT VALUES')),
    close: async () => {
      await probe.end();
      await db.$disconnect();
    },
  };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  say(`parameters: ${JSON.stringify(PARAMS)}`);
  say('starting the bench sandbox (builds the portal into .data/next-bench when the sources changed)…');
  // The portal delivers its audit here (AUDIT_SINKS=http) from the start; measured in part 2.
  const collector: AuditCollector | null = BENCH_SINK ? await startAuditCollector({ port: BENCH_SINK_PORT }) : null;
  let stack: BenchStack = await startBenchStack({ root, log: say });
  const interrupted = () => {
    say('interrupted: stopping the bench sandbox…');
    void stack.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const sections: Section[] = [];
  let machine;
  try {
    const s = stack.settings;
    machine = await machineInfo(stack.databaseMigrationUrl);
    say(`sandbox up at ${stack.portalUrl}; ${machine.cpus} cores, load ${machine.loadAverage.map((x) => x.toFixed(2)).join(' ')}`);

    // People signed in to the portal, each with a mapping they may issue for.
    const issuers: Issuer[] = [];
    // One sign-in per person at a time, even when 200 clients ask at once; renewed after 2 minutes.
    const tokens = new Map<string, { token: Promise<string>; at: number }>();
    const tokenFor = (username: string): Promise<string> => {
      const cached = tokens.get(username);
      if (cached && Date.now() - cached.at < 120_000) return cached.token;
      const p = findDemoPerson(username);
      if (!p) return Promise.reject(new Error(`unknown demo person ${username}`));
      const token = getIdToken({ issuer: s.oidcIssuer, clientId: s.oidcClientId, clientSecret: s.oidcClientSecret, redirectUri: `${s.portalUrl}/api/auth/callback/oidc`, username, password: p.password }).then((t) => t.idToken);
      tokens.set(username, { token, at: Date.now() });
      token.catch(() => tokens.delete(username));
      return token;
    };
    const needsPortal = parts.has('1') || parts.has('2') || parts.has('5') || parts.has('7');
    const signInAll = async () => {
      issuers.length = 0;
      for (const username of ISSUERS) {
        const p = findDemoPerson(username);
        if (!p) continue;
        const { cookie } = await signInToPortal({ portalUrl: stack.portalUrl, username, password: p.password });
        const m = await findMapping(stack.databaseUrl, p.groups);
        issuers.push({ username, cookie, mappingId: m.id, roleArn: m.roleArn, email: p.email, broker: m.broker });
      }
      say(`signed in ${issuers.map((i) => i.username).join(', ')} through the portal`);
    };
    if (needsPortal) await signInAll();
    // The bare STS call takes the token the role trusts: the IdP's (passthrough) or one Keyport minted (broker).
    let brokerKeys: ReturnType<typeof readBrokerKeys> | undefined;
    const webTokenFor = async (who: Issuer): Promise<string> =>
      who.broker
        ? (await issueBrokerToken({ keys: await (brokerKeys ??= readBrokerKeys({ kind: 'file', path: s.brokerKeysFile })), issuer: s.brokerIssuer, audience: 'sts.amazonaws.com', roleArn: who.roleArn, tagSource: { person: who.email, verifiedEmail: who.email, mappingId: who.mappingId, name: null, username: who.username, groups: [], idpKind: 'OIDC' }, tagAttributes: [], now: new Date() })).token
        : tokenFor(who.username);
    const bareFor = async (who: Issuer): Promise<void> => {
      const r = await assumeRoleWithWebIdentity({ endpoint: s.awsUrl, region: 'us-east-1', roleArn: who.roleArn, roleSessionName: who.email, webIdentityToken: await webTokenFor(who), durationSeconds: 900, maxAttempts: 1 });
      if (!r.ok) throw new Error(`bare STS refused: ${r.code}`);
    };

    // Part 7 (issue 15, the `keyport` CLI, in its own file): warm- and cold-cache
    // `keyport credential-process` wall time against bare `node -e ''`, measured in the same run.
    if (parts.has('6')) {
      say(`6 · broker token minting (${PARAMS.BENCH_MINTS} tokens per algorithm)…`);
      sections.push(await benchBrokerMint({ iterations: PARAMS.BENCH_MINTS }));
    }
    if (parts.has('7')) {
      say(`7 · keyport CLI credential-process (${PARAMS.BENCH_CLI_RUNS} runs per arm)…`);
      const alice = issuers[0];
      if (!alice) throw new Error('no signed-in person for the CLI benchmark');
      sections.push(
        await benchCliCredentialProcess({
          runs: PARAMS.BENCH_CLI_RUNS,
          cold: { portalUrl: stack.portalUrl, role: alice.roleArn, signIn: (configHome) => signInCliWithCookie({ portalUrl: stack.portalUrl, cookie: alice.cookie, configHome }) },
        }),
      );
    }
    if (parts.has('4')) {
      say('4 · entitlement resolution…');
      sections.push(await benchEntitlements({ mappings: PARAMS.BENCH_MAPPINGS, groups: PARAMS.BENCH_GROUPS, iterations: 200 }));
    }
    if (parts.has('5')) {
      say('5 · page weight…');
      const alice = issuers[0];
      if (!alice) throw new Error('no signed-in person for the page-weight benchmark');
      const w = await benchPageWeight({
        cookie: alice.cookie,
        pages: [
          { name: 'catalog', url: `${stack.portalUrl}/` },
          { name: 'credentials', url: `${stack.portalUrl}/roles/${alice.mappingId}` },
        ],
      });
      sections.push({ title: '5 · Page weight', rows: w.rows, notes: w.notes });
    }
    if (parts.has('1')) {
      say(`1 · issuance overhead (${PARAMS.BENCH_PAIRS} pairs)…`);
      const alice = issuers[0];
      if (!alice) throw new Error('no signed-in person');
      const breakdown = await issuanceBreakdown(stack, alice, () => tokenFor(alice.username));
      try {
        sections.push(
          await benchIssuanceOverhead({
            pairs: PARAMS.BENCH_PAIRS,
            warmup: PARAMS.BENCH_WARMUP,
            issue: async () => void (await issueOverHttp(stack.portalUrl, alice)),
            bare: () => bareFor(alice),
            breakdown: breakdown.arms,
            durableCommit: breakdown.durableCommit,
          }),
        );
      } finally {
        await breakdown.close();
      }
    }
    if (parts.has('2')) {
      // The portal's own default is one worker per CPU it may use (server/keyport-server.mjs);
      // BENCH_WORKERS runs the main measurement with another count.
      const cpuWorkers = Math.max(1, os.availableParallelism());
      const defaultWorkers = Number(stack.workers) || cpuWorkers;
      say(`2 · concurrency (${PARAMS.BENCH_CLIENTS} clients, ${PARAMS.BENCH_ISSUANCES} issuances, ${defaultWorkers} portal workers)…`);
      const ledger = auditLedger(stack.databaseUrl);
      const db = createPrismaClient(stack.databaseUrl, { max: 2 });
      let concurrency: Awaited<ReturnType<typeof benchConcurrency>>;
      try {
        sections.push(
          (concurrency = await benchConcurrency({
            workersLabel: `${defaultWorkers} worker${defaultWorkers === 1 ? '' : 's'}${defaultWorkers === cpuWorkers ? ', the default' : ''}`,
            clients: PARAMS.BENCH_CLIENTS,
            total: PARAMS.BENCH_ISSUANCES,
            cores: machine.cpus,
            issue: (c) => issueOverHttp(stack.portalUrl, issuers[c % issuers.length] ?? issuers[0]!),
            bare: (c) => bareFor(issuers[c % issuers.length] ?? issuers[0]!),
            noop: async () => {
              const res = await fetch(`${stack.portalUrl}/api/health`);
              await res.arrayBuffer();
              if (!res.ok) throw new Error(`HTTP ${res.status}`);
            },
            stsCalls: async () => {
              const r = (await (await fetch(`${s.awsUrl}/_sandbox/stats`)).json()) as { calls?: Record<string, number> };
              return r.calls?.AssumeRoleWithWebIdentity ?? 0;
            },
            ledgerMark: ledger.mark,
            ledger: ledger.after,
            ...(collector
              ? {
                  afterIssuance: (w: { start: number; end: number }) =>
                    sinkDeliveryRows({
                      collector,
                      ...w,
                      headSeq: async () => Number((await db.auditChainState.findUnique({ where: { id: 1 } }))?.headSeq ?? 0n),
                    }),
                }
              : {}),
            verifyChain: async () => {
              const r = await verifyAuditChain({ db });
              return { ok: r.ok, checked: r.checked, ...(r.firstBroken ? { message: r.firstBroken.message } : {}) };
            },
          })),
        );
      } finally {
        await db.$disconnect();
      }
      const section = concurrency;
      say(`2 · metrics scrape (${PARAMS.BENCH_SCRAPES} scrapes)…`);
      const scrape = await benchMetricsScrape({ portalUrl: stack.portalUrl, token: stack.metricsToken, scrapes: PARAMS.BENCH_SCRAPES, workers: defaultWorkers });
      section.rows.push(...scrape.rows);
      section.notes.push(...scrape.notes);

      // Scaling: the same issuance load with 1, 2 and N workers (the portal restarted on the same
      // database for each count; N is the run above). Throughput against the bare STS rate above.
      const counts = [...new Set([1, 2, cpuWorkers])].filter((n) => n !== defaultWorkers && PARAMS.BENCH_SCALING_ISSUANCES > 0);
      const byWorkers = new Map<number, number>([[defaultWorkers, section.rate]]);
      for (const n of counts) {
        say(`2 · scaling: restarting the portal with KEYPORT_WORKERS=${n}…`);
        await stack.stop();
        stack = await startBenchStack({ root, log: say, workers: n, keepData: true });
        await signInAll();
        await pool(PARAMS.BENCH_CLIENTS, Math.min(100, PARAMS.BENCH_SCALING_ISSUANCES), (c) => issueOverHttp(stack.portalUrl, issuers[c % issuers.length] ?? issuers[0]!)); // warm-up
        const r = await pool(PARAMS.BENCH_CLIENTS, PARAMS.BENCH_SCALING_ISSUANCES, (c) => issueOverHttp(stack.portalUrl, issuers[c % issuers.length] ?? issuers[0]!));
        byWorkers.set(n, r.ok.length / r.seconds);
        if (r.errors.length > 0) section.notes.push(`Scaling run with ${n} worker(s): ${r.errors.length} errors (${r.errors[0] ?? ''}).`);
      }
      const one = byWorkers.get(1);
      for (const [n, rate] of [...byWorkers].sort((a, b) => a[0] - b[0])) {
        section.rows.push({
          benchmark: '2 · Concurrency',
          metric: `scaling: throughput with ${n} portal worker${n === 1 ? '' : 's'}${n === defaultWorkers ? ' (the run above)' : ''}${n === cpuWorkers ? ', the default' : ''}`,
          value: `${rate.toFixed(0)} issuances/s`,
          baseline: one !== undefined && n !== 1 ? `1 worker ${one.toFixed(0)}/s` : `bare STS ${section.baseRate.toFixed(0)}/s`,
          ratio: one !== undefined && n !== 1 ? `${(rate / one).toFixed(2)}×` : `${(rate / section.baseRate).toFixed(2)}×`,
          goal: '',
          verdict: 'n/a',
        });
      }
      if (counts.length > 0) section.notes.push(`Scaling: ${PARAMS.BENCH_SCALING_ISSUANCES} issuances by ${PARAMS.BENCH_CLIENTS} clients per worker count after 100 to warm up; the portal restarted on the same database for each count.`);
    }
    if (parts.has('3')) {
      say(`3 · audit search (${PARAMS.BENCH_AUDIT_EVENTS.toLocaleString('en')} events)…`);
      const admin = new URL(stack.databaseMigrationUrl);
      admin.pathname = '/postgres';
      const url = await recreateDatabase(admin.toString(), 'keyport_bench_audit');
      await applyMigrations({ databaseUrl: url });
      sections.push(
        await benchAuditSearch({
          databaseUrl: url,
          shape: { events: PARAMS.BENCH_AUDIT_EVENTS, people: 1000, roles: 300, months: 18 },
          workDir: path.join(s.dataDir, 'audit-csv'),
          repetitions: PARAMS.BENCH_AUDIT_REPS,
          exportRows: PARAMS.BENCH_EXPORT_ROWS,
          root,
          log: say,
        }),
      );
    }
  } finally {
    say('stopping the bench sandbox…');
    await stack.stop();
    await collector?.close();
  }

  const findings = path.join(root, 'bench/FINDINGS.md');
  const report =
    renderReport({
      startedAt,
      durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
      machine,
      parameters: PARAMS,
      sections,
      preamble: [
        'Generated by `npm run bench` (bench/run.ts); the analysis after the tables is bench/FINDINGS.md, kept by hand.',
        'Machine-dependent figures stand beside a baseline measured in the same run; compare ratios across machines, not absolute times.',
      ],
    }) + (existsSync(findings) ? `\n${readFileSync(findings, 'utf8')}` : '');
  // A bench moved by BENCH_PORT_OFFSET is a side run: its report stays in its own data folder.
  const resultsFile = BENCH_PORT_OFFSET === 0 ? 'bench/RESULTS.md' : path.join(BENCH_ENV.KEYPORT_DATA_DIR, 'RESULTS.md');
  writeFileSync(path.join(root, resultsFile), report);
  process.stdout.write(`\n${report}\n`);
  say(`wrote ${resultsFile}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`\nbench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
