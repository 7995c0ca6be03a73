import { describe, expect, it } from 'vitest';
import { hashSecret, newSecretAccessKey, newSessionAccessKeyId, newSessionToken, secretEquals, stableUniqueId } from './keys';

describe('AWS-shaped identifiers', () => {
  it('makes temporary access key ids, secrets and tokens of the right shape, all different', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newSessionAccessKeyId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(newSecretAccessKey()).toMatch(/^[A-Za-z0-9+/]{40}$/);
    const token = newSessionToken();
    expect(token).toMatch(/^IQoJb3JpZ2luX2Vj[A-Za-z0-9+/=]+$/);
    expect(token.length).toBeGreaterThan(500);
    expect(newSessionToken()).not.toBe(token);
  });

  it('derives stable unique ids from an ARN', () => {
    const a = stableUniqueId('AROA', 'arn:aws:iam::1:role/A');
    expect(a).toMatch(/^AROA[A-Z2-7]{16}$/);
    expect(stableUniqueId('AROA', 'arn:aws:iam::1:role/A')).toBe(a);
    expect(stableUniqueId('AROA', 'arn:aws:iam::1:role/B')).not.toBe(a);
  });

  it('compares secrets by value', () => {
    expect(secretEquals('abc', 'abc')).toBe(true);
    expect(secretEquals('abc', 'abd')).toBe(false);
    expect(secretEquals('abc', 'abcd')).toBe(false);
    expect(hashSecret('x')).toMatch(/^[0-9a-f]{64}$/);
  });
});
