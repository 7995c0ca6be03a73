import { describe, expect, it } from 'vitest';
import { CHAIN_MAX_SECONDS, chainedDuration, effectiveMaxDuration, explainChainRefusal, firstHopOf } from './chain-hop';
import type { IssuableMapping } from './issuance-types';

const m = {
  id: 'm-1',
  roleArn: 'arn:aws:iam::111122223333:role/KeyportHub',
  chainedRoleArn: 'arn:aws:iam::777788889999:role/SharedServicesReadOnly',
  stsRegion: 'us-east-1',
  maxDurationSeconds: 14400,
  sessionPolicy: '{"Statement":[]}',
  managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
} as IssuableMapping & { chainedRoleArn: string };
const failure = (code: string) => ({ ok: false as const, code, definite: true, stsRequestId: 'r-2', attempts: 1, awsMessage: 'server log only' });

describe('role chaining', () => {
  it('clamps a request longer than an hour, and says why', () => {
    expect(chainedDuration(3600)).toEqual({ seconds: 3600 });
    expect(chainedDuration(900)).toEqual({ seconds: 900 });
    const clamped = chainedDuration(4 * 3600);
    expect(clamped.seconds).toBe(CHAIN_MAX_SECONDS);
    expect(clamped.notice).toMatch(/^AWS limits a chained session to 1 hour/);
    expect(clamped.notice).toContain('60 minutes instead of the 240 you asked for');
  });

  it('offers at most an hour for a chained mapping, the mapping maximum otherwise', () => {
    expect(effectiveMaxDuration({ maxDurationSeconds: 14400, chainedRoleArn: m.chainedRoleArn })).toBe(3600);
    expect(effectiveMaxDuration({ maxDurationSeconds: 1800, chainedRoleArn: m.chainedRoleArn })).toBe(1800);
    expect(effectiveMaxDuration({ maxDurationSeconds: 14400, chainedRoleArn: null })).toBe(14400);
  });

  it('keeps session policies for the final hop only', () => {
    expect(firstHopOf(m)).toMatchObject({ roleArn: m.roleArn, sessionPolicy: null, managedPolicyArns: [] });
  });

  it('explains a refused second hop with the trust the target needs, never AWS\'s own text', () => {
    const e = explainChainRefusal(failure('AccessDenied'), m, { brokerTags: true });
    expect(e.status).toBe(403);
    expect(e.message).toContain('"Principal":{"AWS":"arn:aws:iam::111122223333:role/KeyportHub"}');
    expect(e.message).toContain('aws:PrincipalTag/keyport-mapping');
    expect(e.message).not.toContain('server log only');
    expect(e.extra.detail).toEqual({ stsErrorCode: 'AccessDenied', hop: 2 });
    expect(explainChainRefusal(failure('AccessDenied'), m, { brokerTags: false }).message).not.toContain('keyport-mapping');
    expect(explainChainRefusal(failure('Throttling'), m, { brokerTags: false }).message).toMatch(/role-chaining step.*throttling/);
  });
});
