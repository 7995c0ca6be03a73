import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { issuanceOutcome, mappingLabel, stsErrorLabel } from './issuance-outcome';

describe('issuanceOutcome', () => {
  it('is success when nothing was thrown', () => {
    expect(issuanceOutcome(undefined)).toBe('success');
  });
  it('is sts_refused for an explained STS refusal, whatever its HTTP code', () => {
    expect(issuanceOutcome(new AppError('forbidden', 'x', { detail: { stsErrorCode: 'AccessDenied' } }))).toBe('sts_refused');
    expect(issuanceOutcome(new AppError('upstream', 'x', { detail: { stsErrorCode: 'NetworkError' } }))).toBe('sts_refused');
  });
  it('names each refusal of Keyport itself', () => {
    expect(issuanceOutcome(new AppError('forbidden', 'x'))).toBe('denied');
    expect(issuanceOutcome(new AppError('rate_limited', 'x'))).toBe('rate_limited');
    expect(issuanceOutcome(new AppError('invalid_input', 'x'))).toBe('invalid');
    expect(issuanceOutcome(new AppError('unauthenticated', 'x'))).toBe('unauthenticated');
    expect(issuanceOutcome(new AppError('unavailable', 'x'))).toBe('unavailable');
  });
  it('is error for anything else', () => {
    expect(issuanceOutcome(new Error('boom'))).toBe('error');
    expect(issuanceOutcome(new AppError('internal', 'x'))).toBe('error');
  });
});

describe('mappingLabel', () => {
  const id = '3f2b8c1e-5d4a-4b6c-9e8f-0a1b2c3d4e5f';
  it('labels outcomes reached after the mapping was resolved', () => {
    for (const o of ['success', 'sts_refused', 'rate_limited', 'invalid'] as const) expect(mappingLabel(o, id)).toBe(id);
  });
  it('never labels with an id the person was not granted', () => {
    for (const o of ['denied', 'unavailable', 'unauthenticated', 'error'] as const) expect(mappingLabel(o, id)).toBe('none');
  });
  it('refuses text that is no mapping id', () => {
    expect(mappingLabel('success', 'x"} 1\nkeyport_fake 2')).toBe('none');
    expect(mappingLabel('success', '')).toBe('none');
  });
});

describe('stsErrorLabel', () => {
  it('keeps AWS error codes and HTTP statuses', () => {
    expect(stsErrorLabel('InvalidIdentityToken')).toBe('InvalidIdentityToken');
    expect(stsErrorLabel('NetworkError')).toBe('NetworkError');
    expect(stsErrorLabel('503')).toBe('503');
  });
  it('turns anything else into Other', () => {
    expect(stsErrorLabel('')).toBe('Other');
    expect(stsErrorLabel('bad code with spaces')).toBe('Other');
    expect(stsErrorLabel('x'.repeat(65))).toBe('Other');
    expect(stsErrorLabel('eyJhbGciOi.eyJzdWIi.sig')).toBe('Other');
    expect(stsErrorLabel('Code"} 1')).toBe('Other');
  });
});
