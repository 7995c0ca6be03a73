import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { checkRequestBounds } from './check-request-bounds';

const mapping = { maxDurationSeconds: 3600, allowedRegions: ['us-east-1', 'eu-west-1'] };
const fieldsOf = (f: () => void) => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, fields: Object.keys(e.extra.fields ?? {}) };
    throw e;
  }
  return null;
};

describe('checkRequestBounds', () => {
  it('accepts 900 … max and an allowed region', () => {
    expect(fieldsOf(() => checkRequestBounds({ durationSeconds: 900, region: 'us-east-1' }, mapping))).toBeNull();
    expect(fieldsOf(() => checkRequestBounds({ durationSeconds: 3600, region: 'eu-west-1' }, mapping))).toBeNull();
  });

  it('refuses 899, max + 1 and fractions with 422 on the duration field', () => {
    for (const d of [899, 3601, 1000.5]) expect(fieldsOf(() => checkRequestBounds({ durationSeconds: d, region: 'us-east-1' }, mapping))).toEqual({ status: 422, fields: ['durationSeconds'] });
  });

  it('refuses a region outside the list with 422 on the region field', () => {
    expect(fieldsOf(() => checkRequestBounds({ durationSeconds: 900, region: 'ap-south-1' }, mapping))).toEqual({ status: 422, fields: ['region'] });
  });
});
