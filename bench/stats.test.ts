import { describe, expect, it } from 'vitest';
import { ms, pairedDifferences, percentile, ratio, summarize } from './stats';

describe('percentile (nearest rank)', () => {
  const xs = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
  it('is a measured sample, the smallest with at least p% at or below it', () => {
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 51)).toBe(30);
    expect(percentile([7], 99)).toBe(7);
  });
  it('is NaN for no samples and refuses a p outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(xs, 101)).toThrow(/0\.\.100/);
    expect(() => percentile(xs, Number.NaN)).toThrow();
  });
});

describe('summarize', () => {
  it('sorts a copy and reports min, percentiles, max and mean', () => {
    const input = [5, 1, 4, 2, 3];
    const s = summarize(input);
    expect(s).toEqual({ n: 5, min: 1, p50: 3, p95: 5, p99: 5, max: 5, mean: 3 });
    expect(input).toEqual([5, 1, 4, 2, 3]);
  });
});

describe('helpers', () => {
  it('pairs differences element by element and refuses unequal lengths', () => {
    expect(pairedDifferences([3, 5], [1, 1])).toEqual([2, 4]);
    expect(() => pairedDifferences([1], [])).toThrow(/length/);
  });
  it('formats ratios and milliseconds', () => {
    expect(ratio(3, 2)).toBe('1.50×');
    expect(ratio(3, 0)).toBe('—');
    expect(ratio(Number.NaN, 1)).toBe('—');
    expect(ms(0.1234)).toBe('0.123 ms');
    expect(ms(12.345)).toBe('12.35 ms');
    expect(ms(1234.5)).toBe('1235 ms');
  });
});
