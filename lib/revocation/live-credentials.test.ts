import { describe, expect, it } from 'vitest';
import { countByRole, isCutOff, liveOnly, type IssuedCredential } from './live-credentials';

const now = new Date('2026-12-01T12:00:00Z');
const A = 'arn:aws:iam::111122223333:role/A';
const B = 'arn:aws:iam::111122223333:role/B';
function cred(o: Partial<IssuedCredential>): IssuedCredential {
  return { actorSub: 'dana', roleArn: A, sessionName: 'dana@example.com', accessKeyId: 'ASIA1', issuedAt: new Date('2026-12-01T11:00:00Z'), expiresAt: new Date('2026-12-01T13:00:00Z'), ...o };
}

describe('live credentials', () => {
  it('drops expired credentials', () => {
    expect(liveOnly([cred({ expiresAt: new Date('2026-12-01T11:59:59Z') }), cred({})], [], now)).toHaveLength(1);
  });

  it("a person revocation cuts off only that person's credentials issued before it, on its roles", () => {
    const rev = { kind: 'PERSON' as const, revokedBefore: new Date('2026-12-01T11:30:00Z'), roleArns: [A], personSub: 'dana' };
    expect(isCutOff(cred({}), [rev])).toBe(true);
    expect(isCutOff(cred({ issuedAt: new Date('2026-12-01T11:45:00Z') }), [rev])).toBe(false);
    expect(isCutOff(cred({ actorSub: 'erin' }), [rev])).toBe(false);
    expect(isCutOff(cred({ roleArn: B }), [rev])).toBe(false);
  });

  it("a role revocation cuts off everyone's earlier sessions of the role", () => {
    const rev = { kind: 'ROLE' as const, revokedBefore: new Date('2026-12-01T11:30:00Z'), roleArns: [A], personSub: null };
    expect(isCutOff(cred({ actorSub: 'erin' }), [rev])).toBe(true);
    expect(isCutOff(cred({ roleArn: B }), [rev])).toBe(false);
  });

  it('counts per role, most first', () => {
    expect(countByRole([cred({}), cred({ roleArn: B }), cred({ roleArn: B })])).toEqual([
      { roleArn: B, sessions: 2 },
      { roleArn: A, sessions: 1 },
    ]);
    expect(countByRole([])).toEqual([]);
  });
});
