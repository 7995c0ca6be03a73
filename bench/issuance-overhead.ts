// Part 1 — what a full authenticated issuance costs on top of the bare STS call. The two are
// interleaved pair by pair (order alternating), so load from elsewhere on the machine hits both.
import { ms, pairedDifferences, ratio, summarize, timed } from './stats';
import { verdict, type Section } from './report';

export interface OverheadTargets {
  /** One full issuance (for the bench: POST /api/credentials). Throws on failure. */
  issue: () => Promise<void>;
  /** The bare AssumeRoleWithWebIdentity to the same STS with an equivalent token. Throws on failure. */
  bare: () => Promise<void>;
  /** Optional parts of an issuance, timed in the same interleaved loop, to show where the overhead goes. */
  breakdown?: Record<string, () => Promise<void>>;
}

export async function benchIssuanceOverhead(opts: OverheadTargets & { pairs: number; warmup: number }): Promise<Section> {
  for (let i = 0; i < opts.warmup; i++) {
    await opts.issue();
    await opts.bare();
  }
  const issue: number[] = [];
  const bare: number[] = [];
  const parts = Object.entries(opts.breakdown ?? {});
  const partTimes = new Map<string, number[]>(parts.map(([k]) => [k, []]));
  for (let i = 0; i < opts.pairs; i++) {
    for (const [k, f] of parts) partTimes.get(k)?.push((await timed(f)).ms);
    if (i % 2 === 0) {
      issue.push((await timed(opts.issue)).ms);
      bare.push((await timed(opts.bare)).ms);
    } else {
      bare.push((await timed(opts.bare)).ms);
      issue.push((await timed(opts.issue)).ms);
    }
  }
  const si = summarize(issue);
  const sb = summarize(bare);
  const diff = summarize(pairedDifferences(issue, bare));
  const over50 = si.p50 - sb.p50;
  const over99 = si.p99 - sb.p99;
  const b = '1 · Issuance overhead';
  return {
    title: b,
    rows: [
      { benchmark: b, metric: 'POST /api/credentials p50', value: ms(si.p50), baseline: `bare STS ${ms(sb.p50)}`, ratio: ratio(si.p50, sb.p50), goal: '', verdict: 'n/a' },
      { benchmark: b, metric: 'POST /api/credentials p99', value: ms(si.p99), baseline: `bare STS ${ms(sb.p99)}`, ratio: ratio(si.p99, sb.p99), goal: '', verdict: 'n/a' },
      { benchmark: b, metric: 'overhead p50 (p50 full − p50 bare)', value: ms(over50), baseline: `bare STS ${ms(sb.p50)}`, ratio: ratio(si.p50, sb.p50), goal: '≤ 5 ms', verdict: verdict(over50 <= 5) },
      { benchmark: b, metric: 'overhead p99 (p99 full − p99 bare)', value: ms(over99), baseline: `bare STS ${ms(sb.p99)}`, ratio: ratio(si.p99, sb.p99), goal: '≤ 20 ms', verdict: verdict(over99 <= 20) },
    ],
    notes: [
      `${opts.pairs} interleaved pairs after ${opts.warmup} warm-up pairs; one client, one request at a time.`,
      `Paired difference (full − bare, pair by pair): p50 ${ms(diff.p50)}, p95 ${ms(diff.p95)}, p99 ${ms(diff.p99)}.`,
      `Full issuance: min ${ms(si.min)}, mean ${ms(si.mean)}, max ${ms(si.max)}; bare STS: min ${ms(sb.min)}, mean ${ms(sb.mean)}, max ${ms(sb.max)}.`,
      ...parts.map(([k]) => {
        const s = summarize(partTimes.get(k) ?? []);
        return `Breakdown, ${k}: p50 ${ms(s.p50)}, p99 ${ms(s.p99)} (${ratio(s.p50, sb.p50)} bare STS p50).`;
      }),
    ],
  };
}
