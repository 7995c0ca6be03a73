// Pure: summary statistics for benchmark samples. Percentiles use the nearest-rank definition
// (the smallest sample such that at least p% of the samples are ≤ it), so every figure reported
// is a latency that was actually measured, and p100 is the maximum.

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be within 0..100 (got ${p})`);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = n === 0 ? Number.NaN : sorted.reduce((s, x) => s + x, 0) / n;
  return {
    n,
    min: sorted[0] ?? Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[n - 1] ?? Number.NaN,
    mean,
  };
}

/** Differences a[i] − b[i] of paired (interleaved) samples: the overhead of a over b, pair by pair. */
export function pairedDifferences(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error(`paired samples differ in length (${a.length} vs ${b.length})`);
  return a.map((x, i) => x - (b[i] ?? Number.NaN));
}

/** `measured / baseline`, as text with two decimals ("—" when it cannot be computed). */
export function ratio(measured: number, baseline: number): string {
  if (!Number.isFinite(measured) || !Number.isFinite(baseline) || baseline <= 0) return '—';
  return `${(measured / baseline).toFixed(2)}×`;
}

/** Milliseconds with a precision that suits the magnitude. */
export function ms(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (Math.abs(x) < 1) return `${x.toFixed(3)} ms`;
  if (Math.abs(x) < 100) return `${x.toFixed(2)} ms`;
  return `${x.toFixed(0)} ms`;
}

/** Runs `fn` and returns how long it took, in milliseconds (monotonic clock). */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}
