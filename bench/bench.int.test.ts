// Smoke of the benchmark harness with tiny counts, so `npm test` keeps it from rotting: every
// benchmark runs end to end against real PostgreSQL and the sandbox IdP and AWS (issuance through
// lib rather than over HTTP: the portal build is the bench's, not the tests').
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { applyMigrations } from '@/lib/db/migrate';
import { issueCredentials, type IssueDeps } from '@/lib/issuance/issue-credentials';
import { createLogger } from '@/lib/log/logger';
import { assumeRoleWithWebIdentity } from '@/lib/sts/assume-role-with-web-identity';
import { startSandboxStack, type SandboxStack } from '@/test/sandbox-stack';
import { recreateDatabase } from './audit-data';
import { benchAuditSearch } from './audit-search';
import { benchBrokerMint } from './broker-mint';
import { benchCliCredentialProcess } from './cli-credential-process';
import { benchConcurrency } from './concurrency';
import { benchEntitlements } from './entitlements';
import { benchIssuanceOverhead } from './issuance-overhead';
import { auditLedger } from './ledger';
import { benchMetricsScrape } from './metrics-scrape';
import { renderReport } from './report';

const ROLE = 'arn:aws:iam::111122223333:role/DevReadOnly';
const tag = `${process.pid}_${Date.now()}`;
const dbNames = [`keyport_bench_smoke_issue_${tag}`, `keyport_bench_smoke_audit_${tag}`];
let stack: SandboxStack;
let issueUrl: string;
let auditUrl: string;
let db: Db;

beforeAll(async () => {
  stack = await startSandboxStack();
  const admin = inject('adminDatabaseUrl');
  [issueUrl, auditUrl] = await Promise.all(dbNames.map((n) => recreateDatabase(admin, n))) as [string, string];
  await applyMigrations({ databaseUrl: issueUrl });
  await applyMigrations({ databaseUrl: auditUrl });
  db = createPrismaClient(issueUrl, { max: 10 });
});

afterAll(async () => {
  await db?.$disconnect();
  await stack?.close();
  const c = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await c.connect();
  for (const n of dbNames) await c.query(`DROP DATABASE IF EXISTS "${n}" WITH (FORCE)`);
  await c.end();
  rmSync(path.resolve(`.data/test/bench-csv-${tag}`), { recursive: true, force: true });
});

describe('bench harness (tiny counts)', () => {
  it('entitlement resolution', async () => {
    const s = await benchEntitlements({ mappings: 200, groups: 10, iterations: 5 });
    expect(s.rows).toHaveLength(2);
    expect(s.rows[1]?.verdict).toMatch(/met|missed/);
  });

  it('issuance overhead and concurrency, with the ledger and chain checks', async () => {
    const group = `bench-${randomUUID()}`;
    const m = await db.roleMapping.create({
      data: { idpGroup: group, roleArn: ROLE, accountId: '111122223333', accountLabel: 'bench', roleLabel: 'Bench', stsRegion: 'us-east-1', allowedRegions: ['us-east-1'], createdBy: 'bench', updatedBy: 'bench' },
    });
    const token = await stack.tokenFor('alice');
    const deps: IssueDeps = {
      db,
      log: createLogger({ level: 'error', write: () => undefined }),
      issuer: stack.idp.issuer,
      clientId: stack.clientId,
      globalStsEndpoint: stack.aws.url,
      rateLimitPerHour: 10_000,
      refusalLimitPerHour: 1000,
      supportContact: 'the platform team',
      webIdentityToken: () => Promise.resolve(token),
      assumeRole: (o) => assumeRoleWithWebIdentity(o),
    };
    const actor: Actor = { sessionId: 's', sub: `sub-${group}`, idpKind: 'OIDC', email: 'alice@example.com', name: 'Alice', username: 'alice', groups: [group], roles: ['employee'], idTokenExpiresAt: null, emailVerified: true };
    const issue = async (): Promise<string> =>
      (await issueCredentials({ actor, request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context: { requestId: randomUUID(), sourceIp: null, userAgent: 'bench' }, deps })).credentials.accessKeyId;
    const bare = async (): Promise<void> => {
      const r = await assumeRoleWithWebIdentity({ endpoint: stack.aws.url, region: 'us-east-1', roleArn: ROLE, roleSessionName: 'alice@example.com', webIdentityToken: token, durationSeconds: 900 });
      if (!r.ok) throw new Error(r.code);
    };

    // The smoke database is the test's own: a probe table there is harmless.
    await db.$executeRaw`CREATE TABLE commit_probe (id BIGSERIAL PRIMARY KEY)`;
    const durableCommit = async (): Promise<void> => void (await db.$executeRaw`INSERT INTO commit_probe DEFAULT VALUES`);
    const one = await benchIssuanceOverhead({ pairs: 4, warmup: 1, issue: async () => void (await issue()), bare, durableCommit });
    expect(one.rows.map((r) => r.metric)).toEqual(expect.arrayContaining(['overhead p50 (p50 full − p50 bare)', 'floor: 2 durable commits (write-ahead + outcome), 2 × p50']));

    const ledger = auditLedger(issueUrl);
    const two = await benchConcurrency({
      clients: 5,
      total: 12,
      cores: 2,
      issue: () => issue(),
      bare: () => bare(),
      noop: async () => void (await (await fetch(`${stack.aws.url}/_sandbox/stats`)).arrayBuffer()),
      stsCalls: () => Promise.resolve(stack.aws.stats().calls.AssumeRoleWithWebIdentity ?? 0),
      ledgerMark: ledger.mark,
      ledger: ledger.after,
      verifyChain: async () => {
        const r = await verifyAuditChain({ db });
        return { ok: r.ok, checked: r.checked };
      },
    });
    const byMetric = Object.fromEntries(two.rows.map((r) => [r.metric, r]));
    expect(byMetric.errors?.value).toBe('0');
    expect(byMetric['zero loss']?.verdict).toBe('met');
    expect(byMetric['audit chain verifies']?.verdict).toBe('met');
    expect(byMetric['no-op portal request (GET /api/health), 5 clients']?.value).toMatch(/^\d+ requests\/s$/);
  });

  it('audit search and export on a synthetic load', async () => {
    const s = await benchAuditSearch({
      databaseUrl: auditUrl,
      shape: { events: 3000, people: 30, roles: 20, months: 3 },
      workDir: path.resolve(`.data/test/bench-csv-${tag}`),
      repetitions: 2,
      exportRows: 500,
      root: path.resolve('.'),
      log: () => undefined,
    });
    expect(s.rows).toHaveLength(7);
    const indexDefs = async (url: string): Promise<string[]> => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const r = await c.query<{ d: string }>("SELECT pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid = 'audit_events'::regclass ORDER BY 1");
      await c.end();
      return r.rows.map((x) => x.d);
    };
    const c = new pg.Client({ connectionString: auditUrl });
    await c.connect();
    const n = await c.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_events');
    await c.end();
    expect(n.rows[0]?.n).toBe('3000');
    // The loader drops the secondary indexes for the load and rebuilds exactly the same ones.
    expect(await indexDefs(auditUrl)).toEqual(await indexDefs(issueUrl));
    expect(s.rows.find((r) => r.metric.startsWith('export'))?.value).toMatch(/s$/);
    expect(s.rows.find((r) => r.metric.startsWith('export 500 rows'))).toBeDefined();
    const md = renderReport({ startedAt: new Date(), durationSeconds: 1, machine: { cpus: 2, cpuModel: 'x', memoryGiB: 1, loadAverage: [0, 0, 0], os: 'x', node: 'x', postgres: 'x' }, parameters: {}, sections: [s] });
    expect(md).toContain('3 · Audit search');
  });

  it('measures a metrics scrape against a no-op request, and checks that the scrape holds every worker', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization ?? ''}`);
      if (req.url === '/api/metrics') {
        if (req.headers.authorization !== 'Bearer scrape-token') return void res.writeHead(401).end();
        return void res.end('# HELP keyport_worker_processes x\n# TYPE keyport_worker_processes gauge\nkeyport_worker_processes 2\n');
      }
      res.end('{"status":"ok"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const portalUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const two = await benchMetricsScrape({ portalUrl, token: 'scrape-token', scrapes: 3, workers: 2 });
      expect(two.rows.map((r) => r.metric)).toEqual(['GET /api/metrics scrape p50 / p99', 'portal CPU per metrics scrape']);
      expect(two.rows[1]?.verdict).toBe('met');
      expect(two.notes[0]).toContain('keyport_worker_processes 2 of 2');
      // A scrape that holds fewer workers than run is a missed check, not a pass.
      expect((await benchMetricsScrape({ portalUrl, token: 'scrape-token', scrapes: 1, workers: 3 })).rows[1]?.verdict).toBe('missed');
      expect(seen.filter((l) => l.startsWith('/api/metrics')).every((l) => l.endsWith('Bearer scrape-token'))).toBe(true);
      await expect(benchMetricsScrape({ portalUrl, token: 'wrong', scrapes: 1, workers: 2 })).rejects.toThrow(/HTTP 401/);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('measures broker token minting (part 6), a line per algorithm with its verdict', async () => {
    const section = await benchBrokerMint({ iterations: 20 });
    expect(section.title).toBe('6 · Broker token minting');
    expect(section.rows.map((r) => r.metric)).toEqual(['mint + sign one ES256 token (CPU per token)', 'mint + sign one RS256 token (CPU per token)']);
    for (const r of section.rows) {
      expect(r.goal).toBe('< 500 µs CPU');
      expect(['met', 'missed']).toContain(r.verdict);
      expect(r.value).toMatch(/^\d+ µs$/);
    }
    expect(renderReport({ startedAt: new Date(), durationSeconds: 1, machine: { cpus: 2, cpuModel: 'x', memoryGiB: 1, loadAverage: [0, 0, 0], os: 'linux', node: 'v20', postgres: '18' }, parameters: {}, sections: [section] })).toContain('Broker token minting');
  });

  it('measures the keyport CLI credential-process with a warm cache beside node -e (part 7)', async () => {
    const section = await benchCliCredentialProcess({ runs: 2 });
    expect(section.title).toBe('7 · keyport CLI credential-process');
    expect(section.rows.map((r) => r.metric)).toEqual(["`node -e ''` wall time (median)", 'warm cache: wall time of one call (median)']);
    expect(section.rows[1]?.value).toMatch(/^\d+\.\d ms/);
    expect(['met', 'missed']).toContain(section.rows[1]?.verdict);
    expect(section.notes.join(' ')).toContain('Cold: not measured');
  });
});
