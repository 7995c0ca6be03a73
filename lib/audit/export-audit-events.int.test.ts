// The COPY exporter against the exporter it replaced (test/keyset-audit-export.ts: keyset batches,
// rows read as JSON and formatted by lib/audit/csv.ts in JavaScript): the same bytes, CSV and JSON
// Lines, for the same rows and filters, on values chosen to break a formatter — formula starts,
// quotes, commas, CR/LF, apostrophes, backslashes, controls, emoji, U+2028, empty strings, NULLs,
// a row longer than a chunk. Then: an export stopped half-way gives its connection back.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, SQL_POOL, type Db } from '@/lib/db/create-client';
import { keysetAuditExport } from '@/test/keyset-audit-export';
import { appendAuditEvent } from './append-audit-event';
import type { AuditFilters } from './audit-filters';
import type { AuditScope } from './build-audit-where';
import { exportAuditEvents, type ExportFormat } from './export-audit-events';

let db: Db;
beforeAll(() => {
  db = createPrismaClient(inject('databaseUrl'), { max: 4 });
});
afterAll(async () => {
  await db?.$disconnect();
});

const NASTY = [
  '=1+1',
  '+SUM(A1)',
  '-2',
  '@cmd',
  '\tlead tab',
  '\rlead cr',
  ' =space first',
  "'already quoted",
  'a,b',
  'say "hi"',
  '"',
  'line\nbreak',
  'cr\rinside',
  'crlf\r\nend\r\n',
  '\\back\\slash\\',
  'émoji 🔑 and \u0001\u001f controls',
  'para\u2028graph\u2029',
  'tab\tinside',
  '',
  ';;',
  '{"json": "looking"}',
];

async function seed(sub: string, group: string): Promise<{ email: string; key: string }> {
  const email = `${sub}@example.com`;
  const key = `ASIA${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`;
  for (const [i, text] of NASTY.entries()) {
    await appendAuditEvent(db, {
      type: i % 3 === 0 ? 'ISSUE_REQUESTED' : i % 3 === 1 ? 'ISSUE_SUCCEEDED' : 'ISSUE_FAILED',
      outcome: i % 3 === 0 ? undefined : i % 3 === 1 ? 'success' : 'failure',
      ...(i % 4 === 0 ? {} : { intentId: randomUUID() }),
      requestId: text,
      actor: { sub, email: i % 2 ? null : email, name: `${text} Person`, groups: i % 5 === 0 ? [group] : [group, text, 'g;h'], idpKind: i % 2 ? 'SAML' : 'OIDC' },
      mappingId: i % 3 === 0 ? null : randomUUID(),
      roleArn: `arn:aws:iam::111122223333:role/${i % 2 ? 'DevReadOnly' : text}`,
      accountId: i % 2 ? '111122223333' : null,
      sessionName: i % 2 ? email : text,
      durationSeconds: i % 4 === 1 ? null : 900 + i,
      region: i % 2 ? 'us-east-1' : null,
      sourceIp: i % 2 ? '198.51.100.7' : '2001:db8::1',
      userAgent: text,
      accessKeyId: i === 4 ? key : null,
      expiresAt: i % 3 === 2 ? null : new Date(Date.UTC(2031, i % 12, 2, 3, 4, 5, i * 7)),
      assumedRoleArn: i % 2 ? `arn:aws:sts::111122223333:assumed-role/DevReadOnly/${email}` : null,
      stsRequestId: i % 2 ? randomUUID() : null,
      errorCode: i % 3 === 2 ? text : null,
      details: i % 4 === 3 ? {} : { text, n: 12345678901234567890, f: 1.5, neg: -0.25, big: 1e21, nested: { a: [1, 'two', null, { b: text }], t: true }, empty: {}, arr: [] },
    });
  }
  // A row longer than the exporter's 64 KiB chunks.
  await appendAuditEvent(db, { type: 'MAPPING_UPDATED', actor: { sub, email, name: 'Long', groups: [group], idpKind: 'OIDC' }, userAgent: `=${'x'.repeat(70_000)}`, details: { long: 'y,"'.repeat(30_000) } });
  return { email, key };
}

async function both(scope: AuditScope, filters: AuditFilters, format: ExportFormat): Promise<{ before: string; after: string; rows: number }> {
  let rows = -1;
  const [before, after] = await Promise.all([
    new Response(keysetAuditExport({ db, scope, filters, format, batchSize: 7 })).text(),
    new Response(exportAuditEvents({ db, scope, filters, format, onDone: (n) => (rows = n) })).text(),
  ]);
  return { before, after, rows };
}

describe('exportAuditEvents (COPY) against the keyset exporter it replaced', () => {
  let sub: string;
  let group: string;
  let email: string;
  let key: string;
  beforeAll(async () => {
    sub = `s-${randomUUID()}`;
    group = `g-${randomUUID()}`;
    ({ email, key } = await seed(sub, group));
  });

  const cases: [string, () => { scope: AuditScope; filters: AuditFilters }][] = [
    ['a group', () => ({ scope: { kind: 'everyone' }, filters: { group } })],
    ['a group and types', () => ({ scope: { kind: 'everyone' }, filters: { group, types: ['ISSUE_SUCCEEDED', 'ISSUE_FAILED'] } })],
    ['a group and an outcome', () => ({ scope: { kind: 'everyone' }, filters: { group, outcome: 'failure' } })],
    ['a person by e-mail', () => ({ scope: { kind: 'everyone' }, filters: { person: email } })],
    ['a person by e-mail in capitals', () => ({ scope: { kind: 'everyone' }, filters: { person: email.toUpperCase() } })],
    ['a person by subject', () => ({ scope: { kind: 'everyone' }, filters: { person: sub } })],
    ['a session name', () => ({ scope: { kind: 'everyone' }, filters: { person: 'line\nbreak' } })],
    ['a role, an account and a source address', () => ({ scope: { kind: 'everyone' }, filters: { group, roleArn: 'arn:aws:iam::111122223333:role/DevReadOnly', accountId: '111122223333', sourceIp: '198.51.100.7' } })],
    ['a time range', () => ({ scope: { kind: 'everyone' }, filters: { group, from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) } })],
    ['an AccessKeyId', () => ({ scope: { kind: 'everyone' }, filters: { accessKeyId: key } })],
    ['an own-history scope', () => ({ scope: { kind: 'own', actorSub: sub }, filters: { group } })],
    ['an own-history scope asking for someone else', () => ({ scope: { kind: 'own', actorSub: `other-${sub}` }, filters: { person: email } })],
    ['nothing matching', () => ({ scope: { kind: 'everyone' }, filters: { group: `none-${randomUUID()}` } })],
  ];

  for (const format of ['csv', 'jsonl'] as const) {
    for (const [name, make] of cases) {
      it(`${format}: ${name} — the same bytes`, async () => {
        const { scope, filters } = make();
        const { before, after, rows } = await both(scope, filters, format);
        expect(after).toBe(before);
        const lines = format === 'csv' ? before.split('\r\n').length - 2 : before.split('\n').length - 1;
        expect(rows).toBeGreaterThanOrEqual(0);
        if (format === 'jsonl') expect(rows).toBe(lines);
      });
    }
  }

  it('the group export holds every seeded row, the long one included, each cell neutralised', async () => {
    const { after, rows } = await both({ kind: 'everyone' }, { group }, 'csv');
    expect(rows).toBe(NASTY.length + 1);
    expect(after).toContain(`'=${'x'.repeat(70_000)}`);
    expect(after).toContain("'=1+1 Person");
  });
});

describe('exportAuditEvents: an export stopped half-way', () => {
  it('gives its connection back (closed, not reused mid-COPY) and the next export works', async () => {
    const sub = `s-${randomUUID()}`;
    const group = `g-${randomUUID()}`;
    await seed(sub, group);
    const pool = (db as unknown as Record<symbol, { totalCount: number; idleCount: number }>)[SQL_POOL];
    if (!pool) throw new Error('no pool');
    const reader = exportAuditEvents({ db, scope: { kind: 'everyone' }, filters: { group }, format: 'csv' }).getReader();
    expect((await reader.read()).done).toBe(false); // the header
    expect((await reader.read()).done).toBe(false); // rows: the COPY is running
    const busy = pool.totalCount - pool.idleCount;
    expect(busy).toBeGreaterThanOrEqual(1);
    await reader.cancel(new Error('client went away'));
    await expect.poll(() => pool.totalCount - pool.idleCount).toBe(busy - 1);
    const again = await new Response(exportAuditEvents({ db, scope: { kind: 'everyone' }, filters: { group }, format: 'jsonl' })).text();
    expect(again.trimEnd().split('\n')).toHaveLength(NASTY.length + 1);
  });
});
