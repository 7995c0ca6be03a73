import { describe, expect, it } from 'vitest';
import { buildAuditWhere } from './build-audit-where';

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
