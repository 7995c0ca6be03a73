// Part 2, continued — the audit sink during the concurrency run: the portal delivers every audit
// event to a local HTTP collector (AUDIT_SINKS=http, webhook preset) while 200 clients issue.
// Reported: events delivered per second during the run against events recorded per second, and the
// delivery lag (collector's receipt − the event's own time) p50/p99 of the run's events. Goal: lag
// p99 under 2 s. Issuance throughput with and without the sink: run once more with BENCH_SINK=0
// and compare the throughput rows (the sink runs inside the portal, so one run cannot have both).
import type { AuditCollector } from '../test/audit-collector';
import { firstArrivals } from '../test/audit-collector';
import { ms, summarize } from './stats';
import { verdict, type Section } from './report';

export async function sinkDeliveryRows(opts: { collector: AuditCollector; start: number; end: number; headSeq: () => Promise<number>; catchUpMs?: number }): Promise<{ rows: Section['rows']; notes: string[] }> {
  const b = '2 · Concurrency';
  // Let the sink catch up with everything recorded by the end of the run, for the lag of every event.
  const target = await opts.headSeq();
  const waitUntil = Date.now() + (opts.catchUpMs ?? 60_000);
  const maxSeq = () => Math.max(0, ...opts.collector.records.map((r) => Number(r.seq)));
  while (maxSeq() < target && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 100));
  const caughtUp = maxSeq() >= target;
  const firsts = new Set<string>();
  const runEvents = opts.collector.records.filter((r) => {
    if (firsts.has(r.eventId)) return false;
    firsts.add(r.eventId);
    const t = Date.parse(r.occurredAt);
    return t >= opts.start && t <= opts.end;
  });
  const seconds = (opts.end - opts.start) / 1000;
  const deliveredInRun = runEvents.filter((r) => r.receivedAt <= opts.end).length;
  const lag = summarize(runEvents.map((r) => r.receivedAt - Date.parse(r.occurredAt)));
  const deliveredRate = deliveredInRun / seconds;
  const recordedRate = runEvents.length / seconds;
  const inOrder = firstArrivals(opts.collector.records).every((s, i, all) => i === 0 || Number(s) > Number(all[i - 1]));
  return {
    rows: [
      {
        benchmark: b,
        metric: 'audit sink (local HTTP collector): events delivered during the run',
        value: `${deliveredRate.toFixed(0)} events/s`,
        baseline: `recorded ${recordedRate.toFixed(0)} events/s`,
        ratio: recordedRate > 0 ? `${(deliveredRate / recordedRate).toFixed(2)}×` : '—',
        goal: 'keeps up',
        verdict: verdict(caughtUp && inOrder),
      },
      {
        benchmark: b,
        metric: 'audit sink delivery lag p99 (receipt − event time)',
        value: ms(lag.p99),
        baseline: `p50 ${ms(lag.p50)}`,
        ratio: '—',
        goal: '< 2 s',
        verdict: verdict(lag.p99 < 2000 && runEvents.length > 0),
      },
    ],
    notes: [
      `Audit sink: ${runEvents.length} events of the run delivered to a local HTTP collector${caughtUp ? '' : ' (NOT all caught up within 60 s after the run)'}, ${inOrder ? 'in chain order' : 'OUT OF ORDER'}; ${opts.collector.records.length - firsts.size} repeats. Throughput without the sink: BENCH_SINK=0.`,
    ],
  };
}
