// The People view against the real database: everyone the audit has seen, found by part of the
// name or e-mail, with their live credentials per role — expired ones and ones a revocation in
// force already cut off left out.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appendAuditEvent, type AuditActor } from '@/lib/audit/append-audit-event';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { countAuditEvents } from '@/lib/audit/count-audit-events';
import { listPeople } from './list-people';

let db: Db;
beforeAll(() => {
  db = createPrismaClient(inject('databaseUrl'));
});
afterAll(async () => {
  await db?.$disconnect();
});

const A = 'arn:aws:iam::111122223333:role/PeopleA';
const B = 'arn:aws:iam::111122223333:role/PeopleB';

function actor(tag: string, who: string): AuditActor {
  return { sub: `sub-${who}-${tag}`, email: `${who}-${tag}@example.com`, name: `${who} ${tag}`, groups: [], idpKind: 'OIDC' };
}

async function issued(a: AuditActor, roleArn: string, expiresInMs: number) {
  await appendAuditEvent(db, {
    type: 'ISSUE_SUCCEEDED',
    outcome: 'success',
    actor: a,
    roleArn,
    sessionName: a.email ?? undefined,
    accessKeyId: `ASIA${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`,
    expiresAt: new Date(Date.now() + expiresInMs),
  });
}

describe('listPeople', () => {
  it('lists a person with their live credentials per role, and finds them by part of the name or e-mail', async () => {
    const tag = randomUUID().slice(0, 8);
    const dana = actor(tag, 'dana');
    await issued(dana, A, 3600_000);
    await issued(dana, A, 1800_000);
    await issued(dana, B, 3600_000);
    await issued(dana, B, -60_000); // expired
    const { people } = await listPeople({ db, term: `dana ${tag}` });
    expect(people.map((p) => p.sub)).toEqual([dana.sub]);
    expect(people[0]).toMatchObject({ email: dana.email, name: dana.name, revocation: null });
    expect(people[0]?.live.map((l) => [l.roleArn, l.sessions])).toEqual([
      [A, 2],
      [B, 1],
    ]);
    expect((await listPeople({ db, term: `DANA-${tag}@EXAMPLE` })).people.map((p) => p.sub)).toEqual([dana.sub]);
    expect((await listPeople({ db, term: `nobody-${tag}` })).people).toEqual([]);
  });

  it('leaves out credentials a revocation in force cut off, and shows the revocation', async () => {
    const tag = randomUUID().slice(0, 8);
    const erin = actor(tag, 'erin');
    await issued(erin, A, 3600_000);
    await issued(erin, B, 3600_000);
    const rev = await db.revocation.create({
      data: { kind: 'PERSON', revokedBefore: new Date(), reason: 'test', roleArns: [A], personSub: erin.sub, personLabel: erin.name, policyName: `p-${tag}`, createdBySub: 's', createdByName: 'Rita' },
    });
    const [p] = (await listPeople({ db, term: erin.sub })).people;
    expect(p?.live.map((l) => l.roleArn)).toEqual([B]);
    expect(p?.revocation?.id).toBe(rev.id);
  });

  it('pages: at most `limit` people, and says there are more', async () => {
    const tag = randomUUID().slice(0, 8);
    for (const who of ['p1', 'p2', 'p3']) await issued(actor(tag, who), A, 60_000);
    const r = await listPeople({ db, term: tag, limit: 2 });
    expect(r.people).toHaveLength(2);
    expect(r.more).toBe(true);
  });
});

describe('countAuditEvents', () => {
  it('is exact up to the cap, then "more than"', async () => {
    const tag = randomUUID().slice(0, 8);
    const a = actor(tag, 'count');
    for (let i = 0; i < 4; i++) await issued(a, A, 60_000);
    expect(await countAuditEvents({ db, scope: { kind: 'everyone' }, filters: { person: a.sub } })).toEqual({ count: 4, more: false });
    expect(await countAuditEvents({ db, scope: { kind: 'everyone' }, filters: { person: a.sub }, cap: 3 })).toEqual({ count: 3, more: true });
    expect(await countAuditEvents({ db, scope: { kind: 'everyone' }, filters: { roleArn: A, person: a.sub, types: ['ISSUE_SUCCEEDED'] } })).toEqual({ count: 4, more: false });
    expect(await countAuditEvents({ db, scope: { kind: 'everyone' }, filters: { accessKeyId: 'ASIANOSUCHKEY0000000' } })).toEqual({ count: 0, more: false });
  });
});

describe('readMappingUsage', () => {
  it('gives each mapping its last issuance, and none to a mapping never used', async () => {
    const { readMappingUsage } = await import('@/lib/mappings/read-mapping-usage');
    const mk = (group: string) =>
      db.roleMapping.create({
        data: { idpGroup: group, idpKind: 'OIDC', roleArn: A, accountId: '111122223333', accountLabel: 'sandbox-dev', roleLabel: 'A', maxDurationSeconds: 900, stsRegion: 'us-east-1', allowedRegions: ['us-east-1'], createdBy: 't', updatedBy: 't' },
      });
    const used = await mk(`used-${randomUUID()}`);
    const unused = await mk(`unused-${randomUUID()}`);
    const a = actor(randomUUID().slice(0, 8), 'usage');
    await appendAuditEvent(db, { type: 'ISSUE_SUCCEEDED', outcome: 'success', actor: a, roleArn: A, mappingId: used.id });
    await appendAuditEvent(db, { type: 'ISSUE_FAILED', outcome: 'failure', actor: a, roleArn: A, mappingId: unused.id });
    const usage = await readMappingUsage(db, [used, unused]);
    expect(usage.get(used.id)).toBeInstanceOf(Date);
    expect(usage.has(unused.id)).toBe(false);
  });
});
