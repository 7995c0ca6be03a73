import { describe, expect, it } from 'vitest';
import type { IssuableMapping } from '../issuance-types';
import { stsRefusal } from './sts-refusal';

const m = { roleArn: 'arn:aws:iam::111122223333:role/ProdAdmin', stsRegion: 'us-east-1', maxDurationSeconds: 3600 } as IssuableMapping;
const failure = (code: string) => ({ ok: false as const, code, definite: true, stsRequestId: 'r-1', attempts: 1, awsMessage: 'server log only' });

describe('stsRefusal', () => {
  it('never sends the person to sign in again for a credential Keyport made itself (broker modes)', () => {
    const e = stsRefusal(failure('InvalidIdentityToken'), m, 'Federated "arn:aws:iam::111122223333:oidc-provider/keyport.example.com/oidc"', { mayReauth: false });
    expect(e.message).not.toMatch(/sign in again/i);
    expect(e.message).toContain('the account does not trust Keyport as expected');
    expect(e.message).toContain('oidc-provider/keyport.example.com/oidc');
    expect(e.extra.detail).toEqual({ stsErrorCode: 'InvalidIdentityToken' });
  });

  it('asks for a new sign-in in passthrough, where the IdP token may be the problem', () => {
    const e = stsRefusal(failure('InvalidIdentityToken'), m, 'x', { mayReauth: true });
    expect(e.message).toMatch(/Sign in again/);
    expect(e.extra.detail).toMatchObject({ reauth: true });
  });

  it('keeps the explanation of other refusals, without AWS\'s own message', () => {
    const e = stsRefusal(failure('AccessDenied'), m, 'the trust it needs', { mayReauth: false });
    expect(e.status).toBe(403);
    expect(e.message).not.toContain('server log only');
    expect(e.extra.detail).toEqual({ stsErrorCode: 'AccessDenied' });
  });
});
