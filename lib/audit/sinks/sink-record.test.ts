import { describe, expect, it } from 'vitest';
import { elasticBulkBody, elasticBulkProblem, jsonLines, splunkHecBody, syslogFrame, webhookBody, type AuditSinkRecord } from './sink-record';

const rec = (seq: string, over: Partial<AuditSinkRecord> = {}): AuditSinkRecord => ({
  source: 'keyport',
  eventId: `${seq}`.padStart(64, 'a'),
  id: `10${seq}`,
  seq,
  prevHash: '0'.repeat(64),
  hash: `${seq}`.padStart(64, 'a'),
  occurredAt: '2026-12-01T10:00:00.123Z',
  type: 'ISSUE_SUCCEEDED',
  outcome: 'success',
  intentId: null,
  requestId: 'r',
  actor: { sub: 's', email: 'zoë@example.com', name: 'Zoë', groups: ['g'], idpKind: 'OIDC' },
  mappingId: null,
  roleArn: 'arn:aws:iam::111122223333:role/Dev',
  accountId: '111122223333',
  sessionName: 'zoe',
  durationSeconds: 900,
  region: 'us-east-1',
  sourceIp: null,
  userAgent: null,
  accessKeyId: 'ASIAEXAMPLE',
  expiresAt: null,
  assumedRoleArn: null,
  stsRequestId: null,
  errorCode: null,
  details: { a: 1 },
  ...over,
});

describe('sink formats', () => {
  it('JSON Lines: one record a line, in order', () => {
    const text = jsonLines([rec('1'), rec('2')]);
    expect(text.split('\n')).toHaveLength(3);
    expect(text.split('\n').slice(0, 2).map((l) => (JSON.parse(l) as { seq: string }).seq)).toEqual(['1', '2']);
  });
  it('webhook: one JSON object with the events', () => {
    const b = webhookBody([rec('1')]);
    expect(b.contentType).toBe('application/json');
    expect(JSON.parse(b.body)).toMatchObject({ source: 'keyport', events: [{ seq: '1' }] });
  });
  it('Splunk HEC: an envelope per event with epoch seconds, sourcetype and the record as event', () => {
    const lines = splunkHecBody([rec('1'), rec('2')]).body.split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ time: 1796119200.123, source: 'keyport', sourcetype: 'keyport:audit', event: { seq: '1' } });
  });
  it('Elastic _bulk: create with the event id as _id, then the document with @timestamp', () => {
    const b = elasticBulkBody([rec('1')]);
    expect(b.contentType).toBe('application/x-ndjson');
    const [action, doc, end] = b.body.split('\n');
    expect(JSON.parse(action ?? '')).toEqual({ create: { _id: rec('1').eventId } });
    expect(JSON.parse(doc ?? '')).toMatchObject({ '@timestamp': '2026-12-01T10:00:00.123Z', seq: '1' });
    expect(end).toBe('');
  });
  it('Elastic answers: conflicts (a redelivery) are fine, other item errors and odd answers are not', () => {
    expect(elasticBulkProblem({ errors: false, items: [{ create: { status: 201 } }] })).toBeNull();
    expect(elasticBulkProblem({ errors: true, items: [{ create: { status: 201 } }, { create: { status: 409 } }] })).toBeNull();
    expect(elasticBulkProblem({ errors: true, items: [{ create: { status: 400, error: { type: 'mapper_parsing_exception' } } }] })).toMatch(/400 mapper_parsing_exception/);
    expect(elasticBulkProblem({ errors: true, items: [{ create: { status: 429 } }] })).toMatch(/429/);
    expect(elasticBulkProblem(null)).toMatch(/no items/);
    expect(elasticBulkProblem({ acknowledged: true })).toMatch(/no items/);
  });
  it('syslog: RFC 5424 header, structured data with the event id, BOM and the JSON record, octet-counted', () => {
    const frame = syslogFrame(rec('7'), 'keyport-host', '123');
    const sp = frame.indexOf(0x20);
    const len = Number(frame.subarray(0, sp).toString('ascii'));
    const msg = frame.subarray(sp + 1);
    expect(msg.length).toBe(len);
    const text = msg.toString('utf8');
    expect(text.startsWith(`<110>1 2026-12-01T10:00:00.123Z keyport-host keyport 123 ISSUE_SUCCEEDED [keyport@32473 eventId="${rec('7').eventId}" seq="7"] \uFEFF{`)).toBe(true);
    expect(JSON.parse(text.slice(text.indexOf('\uFEFF') + 1))).toMatchObject({ seq: '7', actor: { name: 'Zoë' } });
  });
  it('syslog: failures and refusals are warnings; header fields are kept printable', () => {
    const t = syslogFrame(rec('1', { outcome: 'denied', type: 'ISSUE DENIED\n' }), 'bad host', '1').toString('utf8');
    expect(t).toMatch(/^\d+ <108>1 \S+ bad_host keyport 1 ISSUE_DENIED_ /);
  });
});
