import { describe, expect, it } from 'vitest';
import { auditRefusalNow, decide, slotStart, windowStart } from './quota-window';

const at = (iso: string) => new Date(iso);

describe('quota window', () => {
  it('aligns slots to 10 minutes and spans the last hour', () => {
    expect(slotStart(at('2026-11-23T10:17:31Z')).toISOString()).toBe('2026-11-23T10:10:00.000Z');
    expect(windowStart(at('2026-11-23T10:17:31Z')).toISOString()).toBe('2026-11-23T09:20:00.000Z');
  });

  it('allows under the limit and refuses at it, saying when to retry', () => {
    const now = at('2026-11-23T10:17:00Z');
    expect(decide([{ windowStart: at('2026-11-23T10:10:00Z'), count: 2 }], 3, now)).toEqual({ allowed: true });
    const refused = decide(
      [
        { windowStart: at('2026-11-23T09:30:00Z'), count: 2 },
        { windowStart: at('2026-11-23T10:10:00Z'), count: 1 },
      ],
      3,
      now,
    );
    // The 09:30 slot leaves the window at 10:30, 13 minutes from now.
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 13 * 60 });
  });
});

describe('auditRefusalNow', () => {
  it('records the 1st, 10th, 100th… refusal of a slot', () => {
    const recorded = Array.from({ length: 1200 }, (_, i) => i + 1).filter(auditRefusalNow);
    expect(recorded).toEqual([1, 10, 100, 1000]);
  });
  it('never for nonsense counts', () => {
    for (const n of [0, -1, -10, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(auditRefusalNow(n)).toBe(false);
  });
});
