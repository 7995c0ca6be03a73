import { describe, expect, it } from 'vitest';
import { formatRemaining, remainingParts } from './format-remaining';

const s = 1000;
const m = 60 * s;
const h = 60 * m;

describe('formatRemaining', () => {
  it.each([
    [59 * m + 12 * s, '59m 12s'],
    [h + 2 * m, '1h 02m'],
    [h + 2 * m + 59 * s, '1h 02m'],
    [12 * h, '12h 00m'],
    [36 * h + 5 * m, '36h 05m'],
    [5 * m + 3 * s, '5m 03s'],
    [m, '1m 00s'],
    [59 * s + 999, '59s'],
    [42 * s, '42s'],
    [999, '0s'],
    [0, '0s'],
    [-5 * s, '0s'],
    [Number.NEGATIVE_INFINITY, '0s'],
  ])('%d ms → %s', (ms, expected) => {
    expect(formatRemaining(ms)).toBe(expected);
  });

  it('rejects NaN and +Infinity', () => {
    expect(() => formatRemaining(Number.NaN)).toThrow(RangeError);
    expect(() => formatRemaining(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('remainingParts', () => {
  it('gives the parts formatRemaining shows, padded the same way', () => {
    expect(remainingParts(3_723_000)).toEqual({ form: 'hm', hours: '1', minutes: '02', seconds: '3' });
    expect(remainingParts(303_000)).toEqual({ form: 'ms', hours: '0', minutes: '5', seconds: '03' });
    expect(remainingParts(42_999)).toEqual({ form: 's', hours: '0', minutes: '0', seconds: '42' });
    expect(remainingParts(-5)).toEqual({ form: 's', hours: '0', minutes: '0', seconds: '0' });
  });
});
