// Part 2, continued — what a Prometheus scrape of GET /api/metrics costs the portal: its latency
// and the portal's CPU per scrape, against a no-op request (GET /api/health) measured the same way
// in the same run. With several workers a scrape gathers every worker's metrics over the cluster's
// IPC channel and sums them (lib/metrics/cluster-metrics.ts); the row also checks that the scrape
// holds every worker (keyport_worker_processes).
import { cpuByKind, cpuUsedBetween } from './process-cpu';
import { PORTAL_KINDS } from './concurrency';
import { ms, ratio, summarize, timed } from './stats';
import { verdict, type Section } from './report';

async function sequential(n: number, f: () => Promise<void>): Promise<{ times: number[]; cpuMs: number }> {
  await f();
  const before = cpuByKind();
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push((await timed(f)).ms);
  const used = cpuUsedBetween(before, cpuByKind());
  return { times, cpuMs: (1000 * PORTAL_KINDS.reduce((s, k) => s + (used.get(k) ?? 0), 0)) / n };
}

export async function benchMetricsScrape(opts: { portalUrl: string; token: string; scrapes: number; workers: number }): Promise<{ rows: Section['rows']; notes: string[] }> {
  const b = '2 · Concurrency';
  let body = '';
  const scrape = async () => {
    const res = await fetch(`${opts.portalUrl}/api/metrics`, { headers: { authorization: `Bearer ${opts.token}` } });
    body = await res.text();
    if (!res.ok) throw new Error(`GET /api/metrics: HTTP ${res.status}`);
  };
  const health = async () => {
    const res = await fetch(`${opts.portalUrl}/api/health`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`GET /api/health: HTTP ${res.status}`);
  };
  const s = await sequential(opts.scrapes, scrape);
  const h = await sequential(opts.scrapes, health);
  const ss = summarize(s.times);
  const sh = summarize(h.times);
  const reported = Number(/^keyport_worker_processes (\d+)/m.exec(body)?.[1] ?? 'NaN');
  return {
    rows: [
      { benchmark: b, metric: 'GET /api/metrics scrape p50 / p99', value: `${ms(ss.p50)} / ${ms(ss.p99)}`, baseline: `no-op request p50 ${ms(sh.p50)}`, ratio: ratio(ss.p50, sh.p50), goal: '', verdict: 'n/a' },
      {
        benchmark: b,
        metric: 'portal CPU per metrics scrape',
        value: ms(s.cpuMs),
        baseline: `no-op request ${ms(h.cpuMs)}`,
        ratio: ratio(s.cpuMs, h.cpuMs),
        goal: `holds all ${opts.workers} workers`,
        verdict: verdict(reported === opts.workers),
      },
    ],
    notes: [`Metrics scrape: ${opts.scrapes} sequential scrapes of ${(body.length / 1024).toFixed(1)} KiB each, keyport_worker_processes ${reported} of ${opts.workers}; the same count of GET /api/health as the baseline.`],
  };
}
