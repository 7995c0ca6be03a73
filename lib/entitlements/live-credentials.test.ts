import { describe, expect, it } from 'vitest';
import { liveUntil, type IssuedEvent } from './live-credentials';

const now = new Date('2026-12-01T12:00:00Z');
const role = 'arn:aws:iam::111122223333:role/Dev';
const issued = (mappingId: string, issuedAt: string, expiresAt: string, roleArn = role): IssuedEvent => ({ mappingId, roleArn, issuedAt: new Date(issuedAt), expiresAt: new Date(expiresAt) });

describe('liveUntil', () => {
  it('gives the latest expiry of unexpired issuances per mapping', () => {
    const m = liveUntil({ now, revocations: [], issued: [issued('a', '2026-12-01T11:00:00Z', '2026-12-01T12:30:00Z'), issued('a', '2026-12-01T11:30:00Z', '2026-12-01T13:00:00Z'), issued('b', '2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z')] });
    expect(m.get('a')?.toISOString()).toBe('2026-12-01T13:00:00.000Z');
    expect(m.has('b')).toBe(false);
  });

  it('treats credentials expiring exactly now as expired', () => {
    expect(liveUntil({ now, revocations: [], issued: [issued('a', '2026-12-01T11:00:00Z', '2026-12-01T12:00:00Z')] }).has('a')).toBe(false);
  });

  it('drops sessions a role revocation cut off, keeps those issued after it', () => {
    const revocations = [{ kind: 'ROLE' as const, roleArns: [role], revokedBefore: new Date('2026-12-01T11:15:00Z'), appliesToPerson: false }];
    const m = liveUntil({ now, revocations, issued: [issued('a', '2026-12-01T11:00:00Z', '2026-12-01T13:00:00Z'), issued('b', '2026-12-01T11:30:00Z', '2026-12-01T12:30:00Z')] });
    expect(m.has('a')).toBe(false);
    expect(m.get('b')?.toISOString()).toBe('2026-12-01T12:30:00.000Z');
  });

  it('applies a person revocation only when it is about this person, and only to its roles', () => {
    const other = { kind: 'PERSON' as const, roleArns: [role], revokedBefore: new Date('2026-12-01T11:45:00Z'), appliesToPerson: false };
    const mine = { ...other, appliesToPerson: true };
    const e = [issued('a', '2026-12-01T11:00:00Z', '2026-12-01T13:00:00Z'), issued('c', '2026-12-01T11:00:00Z', '2026-12-01T13:00:00Z', 'arn:aws:iam::111122223333:role/Other')];
    expect(liveUntil({ now, revocations: [other], issued: e }).has('a')).toBe(true);
    expect(liveUntil({ now, revocations: [mine], issued: e }).has('a')).toBe(false);
    expect(liveUntil({ now, revocations: [mine], issued: e }).has('c')).toBe(true);
  });
});
