import { describe, expect, it } from 'vitest';
import { buildAuditBranches, buildAuditWhere, PER_SUBJECT_BRANCHES } from './build-audit-where';

describe('buildAuditWhere', () => {
  it('always carries the own-history scope, whatever the filters ask', () => {
    const w = buildAuditWhere({ kind: 'own', actorSub: 'sub-erin' }, { person: 'alice@example.com' });
    expect(w.AND).toContainEqual({ actorSub: 'sub-erin' });
    expect(JSON.stringify(w)).toContain('alice@example.com');
  });

  it('refuses an own scope without a subject rather than widening it', () => {
    expect(() => buildAuditWhere({ kind: 'own', actorSub: '' }, {})).toThrow();
  });

  it('has no condition for absent filters and no undefined anywhere', () => {
    expect(buildAuditWhere({ kind: 'everyone' }, {})).toEqual({ AND: [] });
    const w = buildAuditWhere({ kind: 'everyone' }, { accessKeyId: 'ASIAABCDEFGHIJKLMNOP', types: ['ISSUE_SUCCEEDED'] });
    expect(w).toEqual({ AND: [{ type: { in: ['ISSUE_SUCCEEDED'] } }, { accessKeyId: 'ASIAABCDEFGHIJKLMNOP' }] });
  });

  it('pages by (occurredAt, id) strictly before the cursor', () => {
    const at = new Date('2026-11-23T14:00:00Z');
    const w = buildAuditWhere({ kind: 'everyone' }, {}, { occurredAt: at, id: 7n });
    expect(w.AND).toEqual([{ occurredAt: { lte: at } }, { OR: [{ occurredAt: { lt: at } }, { occurredAt: at, id: { lt: 7n } }] }]);
  });
});

describe('buildAuditBranches', () => {
  const everyone = { kind: 'everyone' } as const;

  it('is the plain where when there is no person filter', () => {
    const f = { roleArn: 'arn:aws:iam::111122223333:role/Dev' };
    expect(buildAuditBranches(everyone, f, undefined, { subjects: ['sub-a'] })).toEqual([buildAuditWhere(everyone, f)]);
  });

  it('splits a person into the session-name branch and one branch per subject, each with every other filter', () => {
    const w = buildAuditBranches(everyone, { person: 'alice@example.com', outcome: 'failure' }, undefined, { subjects: ['sub-a', 'sub-b', 'sub-a'] });
    expect(w).toEqual([
      { AND: [{ outcome: 'failure' }, { sessionName: 'alice@example.com' }] },
      { AND: [{ outcome: 'failure' }, { actorSub: 'sub-a' }] },
      { AND: [{ outcome: 'failure' }, { actorSub: 'sub-b' }] },
    ]);
  });

  it('still searches the session name when no known person matched', () => {
    expect(buildAuditBranches(everyone, { person: 'svc-batch' }, undefined, { subjects: [] })).toEqual([{ AND: [{ sessionName: 'svc-batch' }] }]);
  });

  it('lists many subjects in one branch, and falls back to the event-level match when they were too many to list', () => {
    const subjects = Array.from({ length: PER_SUBJECT_BRANCHES + 1 }, (_, i) => `sub-${i}`);
    expect(buildAuditBranches(everyone, { person: 'Smith' }, undefined, { subjects })[1]).toEqual({ AND: [{ actorSub: { in: subjects } }] });
    expect(buildAuditBranches(everyone, { person: 'a' }, undefined, null)).toEqual([buildAuditWhere(everyone, { person: 'a' })]);
  });

  it('keeps the own scope and the cursor in every branch, and drops subjects the scope excludes', () => {
    const at = new Date('2026-11-23T14:00:00Z');
    const own = { kind: 'own', actorSub: 'sub-erin' } as const;
    const w = buildAuditBranches(own, { person: 'Erin' }, { occurredAt: at, id: 7n }, { subjects: ['sub-alice', 'sub-erin'] });
    expect(w).toHaveLength(2);
    for (const b of w) {
      expect(b.AND).toContainEqual({ actorSub: 'sub-erin' });
      expect(b.AND).toContainEqual({ occurredAt: { lte: at } });
    }
    expect(w[1]?.AND).toContainEqual({ actorSub: 'sub-erin' });
    expect(w.flatMap((b) => b.AND)).not.toContainEqual({ actorSub: 'sub-alice' });
  });
});
