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
  /**
   * One durable commit (a one-row INSERT into a logged table: a round trip and a WAL flush), timed
   * in the same loop. The audit rules need two per issuance — ISSUE_REQUESTED before STS is asked
   * and ISSUE_SUCCEEDED before the keys are shown — so twice its p50 is the overhead's floor on
   * this machine's disk.
   */
  durableCommit?: () => Promise<void>;
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
  const commits: number[] = [];
  for (let i = 0; i < opts.pairs; i++) {
    for (const [k, f] of parts) partTimes.get(k)?.push((await timed(f)).ms);
    if (opts.durableCommit) commits.push((await timed(opts.durableCommit)).ms);
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
  const floorRows: Section['rows'] = [];
  if (commits.length > 0) {
    const sc = summarize(commits);
    floorRows.push(
      { benchmark: b, metric: 'floor: 2 durable commits (write-ahead + outcome), 2 × p50', value: ms(2 * sc.p50), baseline: `bare STS ${ms(sb.p50)}`, ratio: ratio(2 * sc.p50, sb.p50), goal: '', verdict: 'n/a' },
      { benchmark: b, metric: 'overhead above that floor, p50', value: ms(over50 - 2 * sc.p50), baseline: `one durable commit ${ms(sc.p50)}`, ratio: ratio(over50, 2 * sc.p50), goal: '', verdict: 'n/a' },
    );
  }
  return {
    title: b,
    rows: [
      // The goals (issue 18) are ratios to the bare STS call of the same run, so they travel across machines.
      { benchmark: b, metric: 'full issuance p50 ÷ bare STS p50', value: ms(si.p50), baseline: `bare STS ${ms(sb.p50)}`, ratio: ratio(si.p50, sb.p50), goal: '≤ 2.5×', verdict: verdict(si.p50 <= 2.5 * sb.p50) },
      { benchmark: b, metric: 'POST /api/credentials p99', value: ms(si.p99), baseline: `bare STS ${ms(sb.p99)}`, ratio: ratio(si.p99, sb.p99), goal: '', verdict: 'n/a' },
      { benchmark: b, metric: 'overhead p50 (p50 full − p50 bare)', value: ms(over50), baseline: `bare STS ${ms(sb.p50)}`, ratio: ratio(over50, sb.p50), goal: '', verdict: 'n/a' },
      {
        benchmark: b,
        metric: 'overhead p99 (p99 full − p99 bare)',
        value: ms(over99),
        baseline: `bare STS p99 ${ms(sb.p99)}`,
        ratio: ratio(over99, sb.p99),
        goal: '≤ 20 ms and ≤ 3× bare STS p99',
        verdict: verdict(over99 <= 20 && over99 <= 3 * sb.p99),
      },
      ...floorRows,
    ],
    notes: [
      `${opts.pairs} interleaved pairs after ${opts.warmup} warm-up pairs; one client, one request at a time.`,
      `Paired difference (full − bare, pair by pair): p50 ${ms(diff.p50)}, p95 ${ms(diff.p95)}, p99 ${ms(diff.p99)}.`,
      `Full issuance: min ${ms(si.min)}, mean ${ms(si.mean)}, max ${ms(si.max)}; bare STS: min ${ms(sb.min)}, mean ${ms(sb.mean)}, max ${ms(sb.max)}.`,
      ...(commits.length > 0 ? [`One durable commit (one-row INSERT into a logged table, its own transaction): p50 ${ms(summarize(commits).p50)}, p99 ${ms(summarize(commits).p99)}. The audit rules make an issuance wait for two.`] : []),
      ...parts.map(([k]) => {
        const s = summarize(partTimes.get(k) ?? []);
        return `Breakdown, ${k}: p50 ${ms(s.p50)}, p99 ${ms(s.p99)} (${ratio(s.p50, sb.p50)} bare STS p50).`;
      }),
    ],
  };
}
