// The person filter against the real database: audit_actors kept by the insert trigger, the term
// matched as the filter's help text promises (subject, e-mail in any case, session name, part of
// the name), and keyset pages across the merged branches without gaps or repeats.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { appendAuditEvent, type AuditActor } from './append-audit-event';
import { searchAuditEvents } from './search-audit-events';

let db: Db;
beforeAll(() => {
  db = createPrismaClient(inject('databaseUrl'));
});
afterAll(async () => {
  await db?.$disconnect();
});

const person = (tag: string, over: Partial<AuditActor> = {}): AuditActor => ({
  sub: `sub-${tag}`,
  email: `${tag}@Example.com`,
  name: `Quinn ${tag} Dupont`,
  groups: [],
  idpKind: 'OIDC',
  ...over,
});

async function issue(actor: AuditActor | null, sessionName: string, n = 1) {
  for (let i = 0; i < n; i++) await appendAuditEvent(db, { type: 'ISSUE_REQUESTED', actor, sessionName, details: { i } });
}

async function ids(filters: { person: string }, scope: { kind: 'everyone' } | { kind: 'own'; actorSub: string } = { kind: 'everyone' }) {
  const r = await searchAuditEvents({ db, scope, filters, limit: 500 });
  return r.events.map((e) => [e.actorSub, e.sessionName]);
}

describe('audit search by person', () => {
  it('keeps audit_actors from every insert: a new identity, a changed e-mail, never an event without a subject', async () => {
    const tag = randomUUID();
    await issue(person(tag), `${tag}@example.com`, 3);
    await issue(person(tag, { email: `${tag}@new.example.com` }), `${tag}@example.com`);
    await issue(null, `system-${tag}`);
    const rows = await db.auditActor.findMany({ where: { sub: `sub-${tag}` }, orderBy: { email: 'asc' } });
    expect(rows.map((r) => r.email)).toEqual([`${tag}@example.com`, `${tag}@new.example.com`]);
    expect(rows[0]!.firstSeenAt <= rows[0]!.lastSeenAt).toBe(true);
  });

  it('finds a person by subject, by e-mail in any case (old and new), by part of the name and by session name', async () => {
    const tag = randomUUID();
    const other = randomUUID();
    await issue(person(tag), `${tag}@example.com`, 2);
    await issue(person(tag, { email: `${tag}@new.example.com` }), `${tag}-cli`);
    await issue(person(other), `${other}@example.com`);
    const all = [`sub-${tag}`, `sub-${tag}`, `sub-${tag}`];
    expect(await ids({ person: `sub-${tag}` })).toHaveLength(3);
    expect((await ids({ person: `${tag.toUpperCase()}@EXAMPLE.COM` })).map((r) => r[0])).toEqual(all);
    expect((await ids({ person: `${tag}@new.example.com` })).map((r) => r[0])).toEqual(all);
    expect((await ids({ person: `quinn ${tag}` })).map((r) => r[0])).toEqual(all);
    // A session name matches the events that carry it, not the rest of its person's events.
    expect(await ids({ person: `${tag}-cli` })).toEqual([[`sub-${tag}`, `${tag}-cli`]]);
  });

  it('finds by session name the events whose actor is someone else or no one (a revocation, a system event)', async () => {
    const tag = randomUUID();
    const admin = person(`admin-${tag}`);
    await issue(person(tag), `${tag}@example.com`);
    await appendAuditEvent(db, { type: 'REVOCATION_CREATED', actor: admin, outcome: 'success', sessionName: `${tag}@example.com`, details: {} });
    await appendAuditEvent(db, { type: 'ISSUE_OUTCOME_UNKNOWN', actor: null, outcome: 'unknown', sessionName: `${tag}@example.com`, details: {} });
    const found = await ids({ person: `${tag}@example.com` });
    expect(found).toEqual([
      [null, `${tag}@example.com`],
      [`sub-admin-${tag}`, `${tag}@example.com`],
      [`sub-${tag}`, `${tag}@example.com`],
    ]);
  });

  it('takes the term literally: % and _ are not wildcards', async () => {
    const tag = randomUUID().slice(0, 8);
    await issue(person(tag, { name: `Ana_${tag}` }), `a-${tag}`);
    await issue(person(`x${tag}`, { name: `AnaX${tag}` }), `b-${tag}`);
    expect((await ids({ person: `ana_${tag}` })).map((r) => r[0])).toEqual([`sub-${tag}`]);
    expect(await ids({ person: `ana%${tag}` })).toEqual([]);
  });

  it('keeps an employee to their own events whatever the person term matches', async () => {
    const tag = randomUUID();
    await issue(person(tag), `${tag}@example.com`);
    await issue(person(`2-${tag}`), `2-${tag}@example.com`);
    expect(await ids({ person: `Quinn` }, { kind: 'own', actorSub: `sub-${tag}` })).toEqual([[`sub-${tag}`, `${tag}@example.com`]]);
    expect(await ids({ person: `2-${tag}@example.com` }, { kind: 'own', actorSub: `sub-${tag}` })).toEqual([]);
  });

  it('pages the merged branches newest first by keyset, without gaps or repeats', async () => {
    const tag = randomUUID();
    const a = person(`a-${tag}`, { name: `Pat ${tag} One` });
    const b = person(`b-${tag}`, { name: `Pat ${tag} Two` });
    for (let i = 0; i < 4; i++) {
      await issue(a, `a-${tag}`);
      await issue(b, `b-${tag}`);
      await appendAuditEvent(db, { type: 'REVOCATION_LIFTED', actor: null, sessionName: `pat ${tag}`, details: {} });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const r = await searchAuditEvents({ db, scope: { kind: 'everyone' }, filters: { person: `pat ${tag}` }, cursor, limit: 3 });
      seen.push(...r.events.map((e) => e.id));
      if (!r.nextCursor) break;
      cursor = r.nextCursor;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect([...seen].sort((x, y) => Number(BigInt(y) - BigInt(x)))).toEqual(seen);
  });

  it('the trigger skips the write when the identity is known and recently seen', async () => {
    const tag = randomUUID();
    await issue(person(tag), `${tag}@example.com`);
    const c = new pg.Client({ connectionString: inject('databaseUrl') });
    await c.connect();
    try {
      const xmin = async () => (await c.query<{ x: string }>('SELECT xmin::text AS x FROM audit_actors WHERE sub = $1', [`sub-${tag}`])).rows[0]?.x;
      const before = await xmin();
      await issue(person(tag), `${tag}@example.com`, 2);
      expect(await xmin()).toBe(before);
    } finally {
      await c.end();
    }
  });
});
