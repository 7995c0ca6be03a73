import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { auditFiltersToSearchParams, normalizeAccessKeyId, parseAuditFilters, parseUtcTime } from './audit-filters';
import { buildAuditWhere } from './build-audit-where';
import en from '@/messages/en/audit.json';
import ja from '@/messages/ja/audit.json';

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

  it('says what is wrong in words, never with the parameter names', () => {
    const e = (() => {
      try {
        parseAuditFilters(new URLSearchParams('type=DROP_TABLE&account=12&key=x;y&from=yesterday&role=DevReadOnly&outcome=meh&since=2d'));
      } catch (err) {
        return err as AppError;
      }
      return null;
    })();
    expect(e?.message).toMatch(/^Check the search\./);
    for (const word of ['Event type:', 'Account:', 'AccessKeyId:', 'From:', 'Role ARN:', 'Outcome:', 'Time range:']) expect(e?.message).toContain(word);
    // No "key:", "ip:", "account:" (the URL's parameter names) in what a person reads.
    expect(e?.message).not.toMatch(/(^|\. )(key|ip|account|role|type|since|from|to):/);
    expect(e?.extra.fields?.account).toBe('An AWS account id is 12 digits, like 123456789012.');
    // Each problem also as a key of the catalogs, so the page says it in the reader's language.
    const keys = e?.extra.detail?.fieldKeys as Record<string, string>;
    expect(Object.keys(keys).sort()).toEqual(Object.keys(e?.extra.fields ?? {}).sort());
    for (const k of Object.values(keys)) {
      expect(en.fieldErrors).toHaveProperty(k);
      expect(ja.fieldErrors).toHaveProperty(k);
    }
  });

  it('normalises an AccessKeyId pasted in lower case or with spaces', () => {
    expect(normalizeAccessKeyId(' asia abcd efgh\nijkl mnop ')).toBe('ASIAABCDEFGHIJKLMNOP');
    expect(parseAuditFilters(new URLSearchParams('key=asiaabcdefghijklmnop')).accessKeyId).toBe('ASIAABCDEFGHIJKLMNOP');
    expect(parseAuditFilters({ key: 'ASIA ABCD EFGH IJKL MNOP' }).accessKeyId).toBe('ASIAABCDEFGHIJKLMNOP');
    expect(() => parseAuditFilters({ key: 'asia-abcd' })).toThrow(/AccessKeyId is 16 or more letters and digits/);
    expect(parseAuditFilters({ account: '1111-2222-3333' }).accountId).toBe('111122223333');
  });

  it('reads the time presets relative to now and keeps them in the URL', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(parseAuditFilters({ since: '1h' }, now)).toEqual({ since: '1h', from: new Date('2026-12-01T11:00:00Z') });
    expect(parseAuditFilters({ since: '24h' }, now).from).toEqual(new Date('2026-11-30T12:00:00Z'));
    expect(parseAuditFilters({ since: '7d', from: '2020-01-01' }, now).from).toEqual(new Date('2026-11-24T12:00:00Z'));
    expect(auditFiltersToSearchParams(parseAuditFilters({ since: '7d' }, now)).toString()).toBe('since=7d');
    expect(() => parseAuditFilters({ since: 'forever' }, now)).toThrow(AppError);
  });

  it('"failures only" keeps every outcome but success, and refuses to be combined with success', () => {
    const f = parseAuditFilters({ failures: '1' });
    expect(f).toEqual({ failuresOnly: true });
    expect(buildAuditWhere({ kind: 'everyone' }, f)).toEqual({ AND: [{ outcome: { in: ['failure', 'denied', 'unknown'] } }] });
    expect(auditFiltersToSearchParams(f).get('failures')).toBe('1');
    expect(() => parseAuditFilters({ failures: '1', outcome: 'success' })).toThrow(/exclude each other/);
    expect(() => parseAuditFilters({ failures: 'maybe' })).toThrow(AppError);
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
