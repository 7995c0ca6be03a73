// Part 2 — many clients issuing at once: throughput, errors, and no loss: every credential
// returned has its ISSUE_SUCCEEDED event, every STS call its ISSUE_REQUESTED, and the chain verifies.
import { cpuByKind, cpuUsedBetween } from './process-cpu';
import { ms, ratio, summarize } from './stats';
import { verdict, type Section } from './report';

export interface LedgerCounts {
  requested: number;
  succeeded: number;
  failed: number;
  /** AccessKeyIds recorded in ISSUE_SUCCEEDED events of this run. */
  accessKeyIds: Set<string>;
}

export interface ConcurrencyTargets {
  /** One issuance by client `i`; resolves with the AccessKeyId returned, throws on failure. */
  issue: (client: number) => Promise<string>;
  /** One bare STS call (the baseline's unit of work). */
  bare: (client: number) => Promise<void>;
  /** STS AssumeRoleWithWebIdentity calls seen by AWS so far. */
  stsCalls: () => Promise<number>;
  /** A mark of the audit log's end now, then what it holds about issuances after that mark. */
  ledgerMark: () => Promise<bigint>;
  ledger: (after: bigint) => Promise<LedgerCounts>;
  /** Verifies the audit hash chain; undefined when there is no verifier. */
  verifyChain?: () => Promise<{ ok: boolean; checked: number; message?: string }>;
  /**
   * A request to the portal that does nothing (GET /api/health): the same count at the same
   * concurrency measures what the portal's HTTP path alone allows on this machine.
   */
  noop?: (client: number) => Promise<void>;
  /** More rows about the issuance run's time window (the audit sink's delivery, sink-delivery.ts). */
  afterIssuance?: (window: { start: number; end: number }) => Promise<{ rows: Section['rows']; notes: string[] }>;
}

/** The processes that are the portal (process-cpu.ts kinds): its workers and the cluster primary. */
export const PORTAL_KINDS = ['portal (workers)', 'portal primary (cluster)'];

const portalCpu = (cpu: Map<string, number>): number => PORTAL_KINDS.reduce((sum, k) => sum + (cpu.get(k) ?? 0), 0);

export async function pool<T>(clients: number, total: number, work: (client: number) => Promise<T>): Promise<{ ok: T[]; errors: string[]; seconds: number; latencies: number[] }> {
  let next = 0;
  const ok: T[] = [];
  const errors: string[] = [];
  const latencies: number[] = [];
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (next < total) {
        next++;
        const s = process.hrtime.bigint();
        try {
          ok.push(await work(client));
        } catch (e) {
          errors.push(e instanceof Error ? e.message : String(e));
        }
        latencies.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
    }),
  );
  return { ok, errors, seconds: Number(process.hrtime.bigint() - t0) / 1e9, latencies };
}

export async function benchConcurrency(opts: ConcurrencyTargets & { clients: number; total: number; cores: number; workersLabel?: string }): Promise<Section & { rate: number; baseRate: number }> {
  const b = '2 · Concurrency';
  const base = await pool(opts.clients, opts.total, async (c) => opts.bare(c));
  const baseRate = base.ok.length / base.seconds;

  const noopCpu0 = cpuByKind();
  const noop = opts.noop ? await pool(opts.clients, opts.total, opts.noop) : undefined;
  const noopPortalCpu = portalCpu(cpuUsedBetween(noopCpu0, cpuByKind()));

  const mark = await opts.ledgerMark();
  const sts0 = await opts.stsCalls();
  const cpu0 = cpuByKind();
  const start = Date.now();
  const run = await pool(opts.clients, opts.total, opts.issue);
  const end = Date.now();
  const cpu = cpuUsedBetween(cpu0, cpuByKind());
  const sts1 = await opts.stsCalls();
  const rate = run.ok.length / run.seconds;
  const lat = summarize(run.latencies);
  const ledger = await opts.ledger(mark);
  const returned = new Set(run.ok);
  const missing = [...returned].filter((k) => !ledger.accessKeyIds.has(k)).length;
  const stsCalls = sts1 - sts0;
  const consistent = ledger.requested === stsCalls && ledger.succeeded === returned.size && missing === 0 && ledger.succeeded + ledger.failed === ledger.requested;
  const extra = opts.afterIssuance ? await opts.afterIssuance({ start, end }) : { rows: [], notes: [] };
  const chain = opts.verifyChain ? await opts.verifyChain() : undefined;
  const zeroLoss = run.errors.length === 0 && consistent && (chain?.ok ?? true);
  // The goal is stated for 2 cores; scale it linearly for other machines.
  const goalRate = 200 * (opts.cores / 2);
  const kinds = (errors: string[]) =>
    [...errors.reduce((m, e) => m.set(e, (m.get(e) ?? 0) + 1), new Map<string, number>())]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([e, n]) => `${n} × ${e.slice(0, 120)}`);
  const errorKinds = kinds(run.errors);
  const noopRate = noop ? noop.ok.length / noop.seconds : 0;
  const noopRows: Section['rows'] = noop
    ? [
        {
          benchmark: b,
          metric: `no-op portal request (GET /api/health), ${opts.clients} clients`,
          value: `${noopRate.toFixed(0)} requests/s`,
          baseline: `issuances ${rate.toFixed(0)}/s`,
          ratio: ratio(noopRate, rate),
          goal: `≥ ${(1000 * (opts.cores / 2)).toFixed(0)}/s (1,000/s on 2 cores)`,
          verdict: verdict(noopRate >= 1000 * (opts.cores / 2) && noop.errors.length === 0),
        },
      ]
    : [];
  const issuancePortalCpu = portalCpu(cpu);
  const portalRows: Section['rows'] =
    issuancePortalCpu > 0 && run.ok.length > 0
      ? [
          {
            benchmark: b,
            metric: 'portal CPU per issuance (all its processes)',
            value: ms((1000 * issuancePortalCpu) / run.ok.length),
            baseline: noop && noopPortalCpu > 0 ? `no-op request ${ms((1000 * noopPortalCpu) / Math.max(1, noop.ok.length))}` : '—',
            ratio: noop && noopPortalCpu > 0 ? ratio(issuancePortalCpu / run.ok.length, noopPortalCpu / Math.max(1, noop.ok.length)) : '—',
            goal: '≤ 2 ms',
            verdict: verdict((1000 * issuancePortalCpu) / run.ok.length <= 2),
          },
        ]
      : [];
  const cpuNote =
    cpu.size > 0 && run.ok.length > 0
      ? [
          `CPU per issuance during the run, by process (from /proc): ${[...cpu]
            .sort((x, y) => y[1] - x[1])
            .map(([k, v]) => `${k} ${ms((1000 * v) / run.ok.length)} (${((100 * v) / run.seconds).toFixed(0)} % of one core)`)
            .join('; ')}. ${opts.cores} cores allow ${ms((1000 * opts.cores) / goalRate)} of CPU per issuance at the goal's rate.`,
        ]
      : [];
  const baseErrorKinds = kinds(base.errors);

  return {
    title: b,
    rate,
    baseRate,
    rows: [
      {
        benchmark: b,
        metric: `throughput, ${opts.clients} clients${opts.workersLabel ? ` (${opts.workersLabel})` : ''}`,
        value: `${rate.toFixed(0)} issuances/s`,
        baseline: `bare STS ${baseRate.toFixed(0)}/s`,
        ratio: ratio(rate, baseRate),
        goal: `≥ 0.5× and ≥ ${goalRate.toFixed(0)}/s (200/s on 2 cores), zero loss`,
        verdict: verdict(rate >= 0.5 * baseRate && rate >= goalRate && zeroLoss),
      },
      ...noopRows,
      ...portalRows,
      { benchmark: b, metric: 'errors', value: String(run.errors.length), baseline: `bare STS ${base.errors.length}`, ratio: '—', goal: '0', verdict: verdict(run.errors.length === 0) },
      {
        benchmark: b,
        metric: 'audit REQUESTED = STS calls; SUCCEEDED = credentials returned',
        value: `${ledger.requested} = ${stsCalls}; ${ledger.succeeded} = ${returned.size} (unrecorded keys: ${missing})`,
        baseline: '—',
        ratio: '—',
        goal: 'equal, none unrecorded',
        verdict: verdict(consistent),
      },
      {
        benchmark: b,
        metric: 'audit chain verifies',
        value: chain ? (chain.ok ? `yes (${chain.checked} events)` : `NO: ${chain.message ?? ''}`) : 'not checked (no verifier)',
        baseline: '—',
        ratio: '—',
        goal: 'verifies',
        verdict: chain ? verdict(chain.ok) : 'n/a',
      },
      { benchmark: b, metric: 'zero loss', value: zeroLoss ? 'yes' : 'no', baseline: '—', ratio: '—', goal: 'zero loss', verdict: verdict(zeroLoss) },
      ...extra.rows,
    ],
    notes: [
      `${opts.total} issuances by ${opts.clients} concurrent clients in ${run.seconds.toFixed(1)} s; baseline: the same count of bare AssumeRoleWithWebIdentity calls at the same concurrency in ${base.seconds.toFixed(1)} s.`,
      `Latency under load: p50 ${ms(lat.p50)}, p95 ${ms(lat.p95)}, p99 ${ms(lat.p99)}.`,
      ...cpuNote,
      ...extra.notes,
      ...(noop ? [`No-op requests: ${noop.ok.length} in ${noop.seconds.toFixed(1)} s; portal CPU ${ms((1000 * noopPortalCpu) / Math.max(1, noop.ok.length))} per request (what a request that does nothing costs the portal: GET /api/health is one of the routes the server entry serves without Next.js, as POST /api/credentials is).`] : []),
      ...(noop && noop.errors.length ? [`No-op request errors: ${kinds(noop.errors).join(' · ')}`] : []),
      ...(errorKinds.length ? [`Errors seen: ${errorKinds.join(' · ')}`] : []),
      ...(baseErrorKinds.length ? [`Baseline errors seen: ${baseErrorKinds.join(' · ')}`] : []),
    ],
  };
}
