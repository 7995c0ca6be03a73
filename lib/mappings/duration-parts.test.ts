import { describe, expect, it } from 'vitest';
import { durationText, fromHoursMinutes, toHoursMinutes } from './duration-parts';

describe('duration in hours and minutes', () => {
  it('round-trips seconds through hours and minutes', () => {
    for (const s of [900, 3600, 5400, 43200]) {
      const { hours, minutes } = toHoursMinutes(s);
      expect(fromHoursMinutes(hours, minutes)).toBe(s);
    }
    expect(toHoursMinutes(5400)).toEqual({ hours: '1', minutes: '30' });
  });

  it('reads an empty part as 0, and refuses what is not a whole number', () => {
    expect(fromHoursMinutes('2', '')).toBe(7200);
    expect(fromHoursMinutes('', '45')).toBe(2700);
    expect(fromHoursMinutes('', '')).toBeNull();
    expect(fromHoursMinutes('1.5', '0')).toBeNull();
    expect(fromHoursMinutes('one', '0')).toBeNull();
    expect(fromHoursMinutes('-1', '0')).toBeNull();
  });

  it('writes durations for people', () => {
    expect(durationText(900)).toBe('15 min');
    expect(durationText(3600)).toBe('1 h');
    expect(durationText(5400)).toBe('1 h 30 min');
  });
});
