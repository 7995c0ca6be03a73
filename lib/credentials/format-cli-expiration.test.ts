import { describe, expect, it } from 'vitest';
import { formatCliExpiration } from './format-cli-expiration';

describe('formatCliExpiration (Python datetime.isoformat of an aware UTC datetime)', () => {
  it.each([
    ['2030-01-02T03:04:05Z', '2030-01-02T03:04:05+00:00'],
    ['2030-01-02T03:04:05.000Z', '2030-01-02T03:04:05+00:00'],
    ['2030-01-02T03:04:05.123Z', '2030-01-02T03:04:05.123000+00:00'],
    ['2030-01-02T03:04:05.001Z', '2030-01-02T03:04:05.001000+00:00'],
    ['2030-12-31T23:59:59.990Z', '2030-12-31T23:59:59.990000+00:00'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00+00:00'],
    ['2030-06-30T12:00:00+05:30', '2030-06-30T06:30:00+00:00'],
    ['0999-01-01T00:00:00Z', '0999-01-01T00:00:00+00:00'],
  ])('%s → %s', (input, expected) => {
    expect(formatCliExpiration(new Date(input))).toBe(expected);
  });

  it('rejects an invalid date and years Python cannot represent', () => {
    expect(() => formatCliExpiration(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => formatCliExpiration(new Date('+010000-01-01T00:00:00Z'))).toThrow(RangeError);
  });
});
