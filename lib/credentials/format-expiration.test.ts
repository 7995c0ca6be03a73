import { describe, expect, it } from 'vitest';
import { formatExpiration } from './format-expiration';

describe('formatExpiration', () => {
  it('shows the instant in UTC', () => {
    expect(formatExpiration(new Date('2030-01-02T03:04:05Z'))).toBe('2030-01-02 03:04:05 UTC');
    expect(formatExpiration(new Date('2030-01-02T05:04:05.999+02:00'))).toBe('2030-01-02 03:04:05 UTC');
    expect(formatExpiration(new Date('2029-12-31T23:59:59Z'))).toBe('2029-12-31 23:59:59 UTC');
  });

  it('rejects an invalid date', () => {
    expect(() => formatExpiration(new Date('nope'))).toThrow(RangeError);
  });
});
