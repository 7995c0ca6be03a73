import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { parseRoleArn, personRevocationPolicy, requireReason, revocationPolicyName, roleRevocationPolicy } from './revocation-policy';

const at = new Date('2026-11-23T14:05:06.789Z');

describe('revocation policies', () => {
  it('denies everything to sessions issued before the instant', () => {
    expect(JSON.parse(roleRevocationPolicy(at))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'KeyportRevokeOlderSessions', Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-11-23T14:05:06.789Z' } } }],
    });
  });

  it('limits a person revocation to their session names', () => {
    const doc = JSON.parse(personRevocationPolicy(['erin@example.com'], at));
    expect(doc.Statement[0].Condition).toEqual({ StringLike: { 'aws:userid': '*:erin@example.com' }, DateLessThan: { 'aws:TokenIssueTime': '2026-11-23T14:05:06.789Z' } });
    expect(JSON.parse(personRevocationPolicy(['a@x.com', 'erin'], at)).Statement[0].Condition.StringLike['aws:userid']).toEqual(['*:a@x.com', '*:erin']);
  });

  it('refuses a session name that could widen the match', () => {
    expect(() => personRevocationPolicy(['*'], at)).toThrow();
    expect(() => personRevocationPolicy([], at)).toThrow();
  });

  it('reads role ARNs, paths included', () => {
    expect(parseRoleArn('arn:aws:iam::444455556666:role/platform/ProdAdmin')).toEqual({ partition: 'aws', accountId: '444455556666', roleName: 'ProdAdmin' });
    expect(parseRoleArn('arn:aws:iam::4444:role/x')).toBeNull();
    expect(revocationPolicyName('0b5c')).toBe('KeyportRevoke-0b5c');
  });

  it('requires a reason', () => {
    expect(() => requireReason('')).toThrow(AppError);
    expect(() => requireReason('  ')).toThrow(/reason/);
    expect(requireReason('  offboarding  ')).toBe('offboarding');
  });
});
