import { describe, expect, it } from 'vitest';
import { mergeNewestFirst } from './merge-newest-first';

const row = (id: number, t: string) => ({ id: BigInt(id), occurredAt: new Date(t) });

describe('mergeNewestFirst', () => {
  it('merges branch pages newest first, id breaking ties, and cuts to the limit', () => {
    const a = [row(9, '2026-11-23T10:00:03Z'), row(5, '2026-11-23T10:00:01Z')];
    const b = [row(8, '2026-11-23T10:00:02Z'), row(7, '2026-11-23T10:00:01Z'), row(2, '2026-11-23T09:00:00Z')];
    expect(mergeNewestFirst([a, b], 4).map((r) => Number(r.id))).toEqual([9, 8, 7, 5]);
  });

  it('shows a row that two branches matched once', () => {
    const a = [row(3, '2026-11-23T10:00:03Z'), row(1, '2026-11-23T10:00:01Z')];
    const b = [row(3, '2026-11-23T10:00:03Z'), row(2, '2026-11-23T10:00:02Z')];
    expect(mergeNewestFirst([a, b], 10).map((r) => Number(r.id))).toEqual([3, 2, 1]);
  });

  it('passes a single branch through', () => {
    const a = [row(2, '2026-11-23T10:00:02Z'), row(1, '2026-11-23T10:00:01Z')];
    expect(mergeNewestFirst([a], 1)).toEqual([a[0]]);
    expect(mergeNewestFirst([], 5)).toEqual([]);
  });
});
