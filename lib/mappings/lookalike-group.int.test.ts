// Lookalike IdP groups against the real database: create, rename and import refuse a group that
// mixes scripts (UTS #39 §5.1) or is confusable with another mapping's group (§4) and change
// nothing; with the admin's confirmation they save it and the audit event records the confirmation.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { createMapping } from './create-mapping';
import { importMappings } from './import-mappings';
import { updateMapping } from './update-mapping';
import { mappingInput, SECURITY_AUDIT_ROLE, testAdmin } from '@/test/mapping-input';
import { refusal } from '@/test/refusal';

let db: Db;
const admin = testAdmin;
const SEC = SECURITY_AUDIT_ROLE;
const DEV = 'arn:aws:iam::111122223333:role/DevReadOnly';
const CYRILLIC_A = '\u0430';
const CYRILLIC_ES = '\u0441';

beforeAll(() => {
  db = createPrismaClient(inject('databaseUrl'));
});
afterAll(async () => {
  await db?.$disconnect();
});

const input = mappingInput;


const eventsOf = (requestId: string) => db.auditEvent.findMany({ where: { requestId }, orderBy: { id: 'asc' } });
const countGroup = (idpGroup: string) => db.roleMapping.count({ where: { idpGroup } });

describe('creating a mapping of a lookalike group', () => {
  it('refuses a Cyrillic а in a Latin name, naming the scripts and the group it looks like; saves it once confirmed', async () => {
    const id = randomUUID();
    const real = `paypal-admins-${id}`;
    const fake = `p${CYRILLIC_A}ypal-admins-${id}`;
    await createMapping({ db, actor: admin, input: input(real) });
    // The same group for another role is not a lookalike of itself.
    await createMapping({ db, actor: admin, input: input(real, { roleArn: DEV }) });

    for (const confirmLookalikeGroup of [undefined, false]) {
      const requestId = randomUUID();
      const e = await refusal(createMapping({ db, actor: admin, input: input(fake), confirmLookalikeGroup, requestId }));
      expect(e.code).toBe('invalid_input');
      expect(e.status).toBe(422);
      expect(e.extra.fields?.idpGroup).toContain('mixes Latin and Cyrillic letters (Cyrillic: "\u0430" U+0430)');
      expect(e.extra.fields?.idpGroup).toContain(`looks like the group "${real}" of another mapping`);
      expect(e.extra.detail).toEqual({ lookalikeGroup: { confirmed: true, group: fake, scripts: ['Latin', 'Cyrillic'], looksLike: [real] } });
      expect(await countGroup(fake)).toBe(0);
      expect(await eventsOf(requestId)).toEqual([]);
    }

    const requestId = randomUUID();
    const m = await createMapping({ db, actor: admin, input: input(fake), confirmLookalikeGroup: true, requestId });
    expect(m.idpGroup).toBe(fake);
    const [event] = await eventsOf(requestId);
    expect(event?.type).toBe('MAPPING_CREATED');
    expect(event?.details).toMatchObject({ after: { idpGroup: fake }, lookalikeGroup: { confirmed: true, group: fake, scripts: ['Latin', 'Cyrillic'], looksLike: [real] } });

    // Now the plain name is the one that looks like another group: a new mapping of it asks too.
    const again = await refusal(createMapping({ db, actor: admin, input: input(real, { roleArn: 'arn:aws:iam::111122223333:role/DevDeveloper' }) }));
    expect(again.extra.fields?.idpGroup).toContain(`looks like the group "${fake}"`);
  });

  it('refuses a mixed-script group that looks like no other group', async () => {
    const group = `dev-t\u0435am-${randomUUID()}`;
    const e = await refusal(createMapping({ db, actor: admin, input: input(group) }));
    expect(e.extra.fields?.idpGroup).toBe(
      `The IdP group "${group}" mixes Latin and Cyrillic letters (Cyrillic: "\u0435" U+0435), so it can pass for a different group. Check the exact name with your IdP; if it is right, confirm it and save again.`,
    );
    expect(await countGroup(group)).toBe(0);
  });

  it('refuses a single-script group confusable with another (digit 0 for letter O)', async () => {
    const id = randomUUID();
    await createMapping({ db, actor: admin, input: input(`teamO-${id}`) });
    const e = await refusal(createMapping({ db, actor: admin, input: input(`team0-${id}`) }));
    expect(e.extra.fields?.idpGroup).toContain(`looks like the group "teamO-${id}"`);
    expect(e.extra.fields?.idpGroup).not.toContain('mixes');
    expect(await countGroup(`team0-${id}`)).toBe(0);
  });

  it('saves Japanese and plain names without asking', async () => {
    const id = randomUUID();
    const requestId = randomUUID();
    await createMapping({ db, actor: admin, input: input(`開発チーム-${id}`), requestId });
    expect((await eventsOf(requestId))[0]?.details).not.toHaveProperty('lookalikeGroup');
    await createMapping({ db, actor: admin, input: input(`platform-${id}`) });
  });
});

describe('renaming a mapping to a lookalike group', () => {
  it('refuses the rename unless confirmed, and records the confirmation', async () => {
    const id = randomUUID();
    await createMapping({ db, actor: admin, input: input(`cloud-ops-${id}`) });
    const m = await createMapping({ db, actor: admin, input: input(`ops-${id}`) });
    const fake = `${CYRILLIC_ES}loud-ops-${id}`;

    const e = await refusal(updateMapping({ db, actor: admin, id: m.id, input: input(fake), expectedUpdatedAt: m.updatedAt }));
    expect(e.code).toBe('invalid_input');
    expect(e.extra.fields?.idpGroup).toContain('mixes Cyrillic and Latin letters (Latin:');
    expect(e.extra.fields?.idpGroup).toContain(`looks like the group "cloud-ops-${id}"`);
    expect((await db.roleMapping.findUnique({ where: { id: m.id } }))?.idpGroup).toBe(`ops-${id}`);

    const requestId = randomUUID();
    const u = await updateMapping({ db, actor: admin, id: m.id, input: input(fake), expectedUpdatedAt: m.updatedAt, confirmLookalikeGroup: true, requestId });
    expect(u.idpGroup).toBe(fake);
    const [event] = await eventsOf(requestId);
    expect(event?.details).toMatchObject({ changed: ['idpGroup'], lookalikeGroup: { confirmed: true, group: fake, scripts: ['Cyrillic', 'Latin'], looksLike: [`cloud-ops-${id}`] } });

    // Editing other fields keeps the confirmed group without asking again.
    const r2 = randomUUID();
    expect((await updateMapping({ db, actor: admin, id: m.id, input: input(fake, { maxDurationSeconds: 900 }), requestId: r2 })).maxDurationSeconds).toBe(900);
    expect((await eventsOf(r2))[0]?.details).not.toHaveProperty('lookalikeGroup');
  });

  it('a mapping is not a lookalike of its own former name', async () => {
    const id = randomUUID();
    const m = await createMapping({ db, actor: admin, input: input(`solo-${id}`) });
    expect((await updateMapping({ db, actor: admin, id: m.id, input: input(`soIo-${id}`) })).idpGroup).toBe(`soIo-${id}`);
  });
});

describe('importing lookalike groups', () => {
  it('refuses the rows unless the import confirms them; a confirmed import records them', async () => {
    const id = randomUUID();
    const real = `imp-paypal-${id}`;
    const fake = `imp-p${CYRILLIC_A}ypal-${id}`;
    const document = { version: 1, mappings: [input(`imp-plain-${id}`), input(real), input(fake)] };
    const auditBefore = await db.auditEvent.count({ where: { type: 'MAPPINGS_IMPORTED' } });

    for (const apply of [false, true]) {
      const e = await refusal(importMappings({ db, actor: admin, document, mode: 'merge', apply, expectedDigest: 'f'.repeat(64), people: [] }));
      expect(e.code).toBe('invalid_input');
      expect(e.message).toMatch(/^Nothing was imported: 2 rows have a lookalike group — row 2 /);
      const rows = (e.extra.detail?.rows ?? []) as Array<{ row: number; idpGroup: string; fields: { idpGroup: string } }>;
      expect(rows.map((r) => [r.row, r.idpGroup])).toEqual([
        [2, real],
        [3, fake],
      ]);
      expect(rows[0]?.fields.idpGroup).toContain(`looks like the group "${fake}"`);
      expect(rows[1]?.fields.idpGroup).toContain('mixes Latin and Cyrillic');
      expect(e.extra.detail?.lookalikeGroups).toBe(true);
      expect(e.extra.fields).toEqual({ 'row 2': expect.stringContaining('idpGroup: '), 'row 3': expect.stringContaining('idpGroup: ') });
    }
    expect(await db.roleMapping.count({ where: { idpGroup: { in: [`imp-plain-${id}`, real, fake] } } })).toBe(0);
    expect(await db.auditEvent.count({ where: { type: 'MAPPINGS_IMPORTED' } })).toBe(auditBefore);

    const preview = await importMappings({ db, actor: admin, document, mode: 'merge', apply: false, confirmLookalikeGroups: true, people: [] });
    expect(preview.lookalikeGroups.map((r) => r.row)).toEqual([2, 3]);
    const requestId = randomUUID();
    const applied = await importMappings({ db, actor: admin, document, mode: 'merge', apply: true, expectedDigest: preview.digest, confirmLookalikeGroups: true, people: [], requestId });
    expect(applied.applied).toBe(true);
    expect(await countGroup(fake)).toBe(1);
    const [event] = await eventsOf(requestId);
    expect(event?.details).toMatchObject({
      counts: { created: 3 },
      confirmedLookalikeGroups: [
        { row: 2, roleArn: SEC, confirmed: true, group: real, scripts: [], looksLike: [fake] },
        { row: 3, roleArn: SEC, confirmed: true, group: fake, scripts: ['Latin', 'Cyrillic'], looksLike: [real] },
      ],
    });

    // The same file again changes nothing and creates nothing: it asks nothing.
    const again = await importMappings({ db, actor: admin, document, mode: 'merge', apply: false, people: [] });
    expect(again.create).toEqual([]);
    expect(again.lookalikeGroups).toEqual([]);
  });

  it('refuses a row whose group looks like a group already in the database', async () => {
    const id = randomUUID();
    await createMapping({ db, actor: admin, input: input(`imp-ops-${id}`) });
    const fake = `imp-\u043Eps-${id}`;
    const e = await refusal(importMappings({ db, actor: admin, document: { version: 1, mappings: [input(fake)] }, mode: 'merge', apply: false, people: [] }));
    expect(e.message).toContain(`row 1 (${fake} → ${SEC}): The IdP group "${fake}" mixes Latin and Cyrillic letters`);
    expect(e.message).toContain(`looks like the group "imp-ops-${id}" of another mapping`);
  });

  it('imports Japanese and plain groups without asking', async () => {
    const id = randomUUID();
    const document = { version: 1, mappings: [input(`imp-開発チーム-${id}`), input(`imp-dev-${id}`), input(`imp-dev-${id}`, { roleArn: DEV })] };
    const preview = await importMappings({ db, actor: admin, document, mode: 'merge', apply: false, people: [] });
    expect(preview.create).toHaveLength(3);
    expect(preview.lookalikeGroups).toEqual([]);
  });
});
