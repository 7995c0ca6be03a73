import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { auditFiltersToSearchParams, parseAuditFilters, parseUtcTime } from './audit-filters';

describe('parseAuditFilters', () => {
  it('reads every filter from the URL and writes them back', () => {
    const p = new URLSearchParams(
      'person=erin@example.com&group=engineering&role=arn:aws:iam::111122223333:role/DevReadOnly&account=111122223333&type=ISSUE_SUCCEEDED&type=ISSUE_FAILED&outcome=success&ip=203.0.113.7&from=2026-11-01T00:00&to=2026-11-30&key=ASIAABCDEFGHIJKLMNOP',
    );
    const f = parseAuditFilters(p);
    expect(f).toEqual({
      person: 'erin@example.com',
      group: 'engineering',
      roleArn: 'arn:aws:iam::111122223333:role/DevReadOnly',
      accountId: '111122223333',
      types: ['ISSUE_SUCCEEDED', 'ISSUE_FAILED'],
      outcome: 'success',
      sourceIp: '203.0.113.7',
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-30T00:00:00Z'),
      accessKeyId: 'ASIAABCDEFGHIJKLMNOP',
    });
    expect(parseAuditFilters(auditFiltersToSearchParams(f))).toEqual(f);
  });

  it('is empty for an empty query, with no undefined keys', () => {
    expect(parseAuditFilters(new URLSearchParams(''))).toEqual({});
    expect(Object.keys(parseAuditFilters({ person: '', type: [] }))).toEqual([]);
  });

  it('refuses malformed filters with 422 naming them', () => {
    const e = (() => {
      try {
        parseAuditFilters(new URLSearchParams('type=DROP_TABLE&account=12&key=x;y&from=yesterday'));
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(422);
    expect(Object.keys((e as AppError).extra.fields ?? {}).sort()).toEqual(['account', 'from', 'key', 'type']);
  });

  it('reads zone-less times as UTC', () => {
    expect(parseUtcTime('2026-11-23T14:05')?.toISOString()).toBe('2026-11-23T14:05:00.000Z');
    expect(parseUtcTime('2026-11-23T14:05:00+01:00')?.toISOString()).toBe('2026-11-23T13:05:00.000Z');
    expect(parseUtcTime('nope')).toBeUndefined();
  });
});

describe('audit cursor', () => {
  it('round-trips and refuses a tampered one', () => {
    const c = { occurredAt: new Date('2026-11-23T14:05:00.123Z'), id: 12345678901234n };
    expect(decodeAuditCursor(encodeAuditCursor(c))).toEqual(c);
    expect(() => decodeAuditCursor('e30')).toThrow(AppError);
    expect(() => decodeAuditCursor(Buffer.from('{"t":"2026-01-01","id":"1 OR 1=1"}').toString('base64url'))).toThrow(AppError);
  });
});
