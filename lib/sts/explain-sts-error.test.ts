import { describe, expect, it } from 'vitest';
import { explainStsError } from './explain-sts-error';

const ctx = { roleArn: 'arn:aws:iam::111122223333:role/Dev', region: 'eu-west-1', maxDurationSeconds: 3600, expectedTrust: '"localhost:4001:aud" = "keyport"' };

describe('explainStsError', () => {
  it('says what to do for each known code', () => {
    expect(explainStsError('AccessDenied', ctx).message).toContain('"localhost:4001:aud" = "keyport"');
    expect(explainStsError('AccessDenied', ctx).appCode).toBe('forbidden');
    expect(explainStsError('ExpiredTokenException', ctx)).toMatchObject({ reauth: true, appCode: 'unauthenticated' });
    expect(explainStsError('InvalidIdentityToken', ctx).reauth).toBe(true);
    expect(explainStsError('RegionDisabledException', ctx).message).toContain('eu-west-1');
    expect(explainStsError('ValidationError', ctx).message).toContain('60 minutes');
    expect(explainStsError('PackedPolicyTooLarge', ctx).message).toMatch(/too large/);
    expect(explainStsError('MalformedPolicyDocument', ctx).message).toMatch(/malformed/);
  });

  it('marks transient errors retryable and nothing else', () => {
    expect(explainStsError('Throttling', ctx).retryable).toBe(true);
    expect(explainStsError('IDPCommunicationError', ctx).retryable).toBe(true);
    expect(explainStsError('AccessDenied', ctx).retryable).toBe(false);
  });

  it('retries answered server errors and never-sent requests', () => {
    expect(explainStsError('InternalFailure', ctx).retryable).toBe(true);
    expect(explainStsError('ServiceUnavailable', ctx).retryable).toBe(true);
    expect(explainStsError('NetworkError', ctx).retryable).toBe(true);
  });

  it('never retries what may have reached AWS, and says the outcome is unknown', () => {
    for (const code of ['StsTimeout', 'ConnectionLost', 'IncompleteResponse', '502', '504', 'Unknown']) {
      expect(explainStsError(code, ctx).retryable, code).toBe(false);
    }
    expect(explainStsError('StsTimeout', ctx).message).toMatch(/did not answer in time.*unknown outcome/);
    expect(explainStsError('ConnectionLost', ctx).message).toMatch(/broke after the request was sent.*unknown outcome/);
    expect(explainStsError('504', ctx).message).toContain('HTTP 504');
  });

  it('gives unknown errors a generic message', () => {
    const e = explainStsError('SomethingNew', ctx);
    expect(e.message).toMatch(/unexpected reason/);
    expect(e.retryable).toBe(false);
  });
});
