import { describe, expect, it } from 'vitest';
import { inEnglish } from '@/lib/i18n/explanation';
import { mappingHealth, type OutcomeEvent } from './mapping-health';

const m = { roleArn: 'arn:aws:iam::111122223333:role/Legacy', stsRegion: 'us-east-1', maxDurationSeconds: 3600 };
const at = (min: number) => new Date(Date.UTC(2026, 11, 1, 12, min));
const failed = (min: number, code = 'AccessDenied'): OutcomeEvent => ({ type: 'ISSUE_FAILED', errorCode: code, occurredAt: at(min) });
const ok = (min: number): OutcomeEvent => ({ type: 'ISSUE_SUCCEEDED', errorCode: null, occurredAt: at(min) });

describe('mappingHealth', () => {
  it('is healthy with no events, or when the newest outcome is a success', () => {
    expect(mappingHealth([], m)).toBeNull();
    expect(mappingHealth([ok(9), failed(8), failed(7)], m)).toBeNull();
  });

  it('counts the failures since the last success and explains the newest', () => {
    const h = mappingHealth([failed(9), failed(8), ok(7), failed(6)], m);
    expect(h).toMatchObject({ failureCount: 2, errorCode: 'AccessDenied', lastFailureAt: at(9).toISOString() });
    expect(h && inEnglish(h.fix)).toMatch(/trust policy does not trust this portal/);
  });

  it('ignores transient failures, which say nothing about the mapping', () => {
    expect(mappingHealth([failed(9, 'ThrottlingException'), failed(8, 'NetworkError'), failed(7, 'InternalFailure')], m)).toBeNull();
    expect(mappingHealth([failed(9, 'ThrottlingException'), failed(8, 'RegionDisabledException')], m)).toMatchObject({ failureCount: 1, errorCode: 'RegionDisabledException' });
  });

  it('treats a failure without a code as unexpected, not as healthy', () => {
    expect(mappingHealth([{ type: 'ISSUE_FAILED', errorCode: null, occurredAt: at(1) }], m)).toMatchObject({ failureCount: 1, errorCode: 'unknown', fix: { key: 'sts.unexpected' } });
  });
});
