import { describe, expect, it } from 'vitest';
import { formatRemaining } from './format-remaining';
import { secondsUntil } from './seconds-until';

const expiration = new Date('2030-01-02T03:04:05Z');

describe('secondsUntil', () => {
  it('counts whole seconds down, rounding down', () => {
    expect(secondsUntil({ expiration, now: new Date('2030-01-02T02:04:05Z') })).toBe(3600);
    expect(secondsUntil({ expiration, now: new Date('2030-01-02T03:04:04.001Z') })).toBe(0);
    expect(secondsUntil({ expiration, now: new Date('2030-01-02T03:04:03.500Z') })).toBe(1);
  });

  it('is 0 at and after expiry', () => {
    expect(secondsUntil({ expiration, now: expiration })).toBe(0);
    expect(secondsUntil({ expiration, now: new Date('2031-01-01T00:00:00Z') })).toBe(0);
  });

  it('agrees with formatRemaining for the countdown', () => {
    const now = new Date('2030-01-02T02:04:53Z');
    const secs = secondsUntil({ expiration, now });
    expect(formatRemaining(secs * 1000)).toBe('59m 12s');
  });

  it('rejects invalid dates', () => {
    expect(() => secondsUntil({ expiration: new Date(Number.NaN), now: expiration })).toThrow(RangeError);
  });
});
