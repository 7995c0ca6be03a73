// The mapping operations against the real database: every change and its audit event commit
// together, invalid input and duplicates change nothing, an import with one bad row changes
// nothing and names the row, and the trust policy the editor prints works on sandbox AWS.
import { randomUUID } from 'node:crypto';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { issueCredentials } from '@/lib/issuance/issue-credentials';
import { createLogger } from '@/lib/log/logger';
import { assumeRoleWithWebIdentity } from '@/lib/sts/assume-role-with-web-identity';
import { startSandboxAws, type SandboxAws } from '@/sandbox/aws/server';
import { parseWorld } from '@/sandbox/aws/world';
import { getIdToken } from '@/sandbox/oidc/get-id-token';
import { startOidcIdp, type OidcIdp } from '@/sandbox/oidc/idp';
import { DEMO_PEOPLE, findDemoPerson } from '@/sandbox/people';
import { createMapping } from './create-mapping';
import { deleteMapping } from './delete-mapping';
import { exportMappings } from './export-mappings';
import { importMappings } from './import-mappings';
import { listPeopleSeen } from './list-people-seen';
import { previewChange, rolesForGroups } from './preview-access';
import { setMappingEnabled } from './set-mapping-enabled';
import { trustPolicyFor } from './trust-policy';
import { updateMapping } from './update-mapping';
import { mappingInput, SECURITY_AUDIT_ROLE, testAdmin } from '@/test/mapping-input';
import { refusal } from '@/test/refusal';

let db: Db;
const admin = testAdmin;
const SEC = SECURITY_AUDIT_ROLE;

beforeAll(() => {
  db = createPrismaClient(inject('databaseUrl'));
});
afterAll(async () => {
  await db?.$disconnect();
});

const input = mappingInput;


const eventsOf = (requestId: string) => db.auditEvent.findMany({ where: { requestId }, orderBy: { id: 'asc' } });

describe('mapping operations', () => {
  it('creates, updates, disables and deletes, each with its audit event (before/after)', async () => {
    const group = `grp-${randomUUID()}`;
    const r1 = randomUUID();
    const m = await createMapping({ db, actor: admin, input: input(group), requestId: r1 });
    expect(m).toMatchObject({ idpGroup: group, accountId: '111122223333', enabled: true, createdBy: 'adam@example.com' });
    const [created] = await eventsOf(r1);
    expect(created).toMatchObject({ type: 'MAPPING_CREATED', actorSub: 'sub-adam', mappingId: m.id, roleArn: SEC });
    expect((created?.details as { after: { idpGroup: string } }).after.idpGroup).toBe(group);

    const r2 = randomUUID();
    const u = await updateMapping({ db, actor: admin, id: m.id, input: input(group, { maxDurationSeconds: 7200 }), expectedUpdatedAt: m.updatedAt, requestId: r2 });
    expect(u.maxDurationSeconds).toBe(7200);
    const [updated] = await eventsOf(r2);
    expect(updated?.type).toBe('MAPPING_UPDATED');
    expect(updated?.details).toMatchObject({ changed: ['maxDurationSeconds'], before: { maxDurationSeconds: 3600 }, after: { maxDurationSeconds: 7200 } });

    // An edit based on a stale copy is refused, not silently overwritten.
    expect((await refusal(updateMapping({ db, actor: admin, id: m.id, input: input(group, { maxDurationSeconds: 900 }), expectedUpdatedAt: m.updatedAt }))).code).toBe('conflict');

    const r3 = randomUUID();
    expect((await setMappingEnabled({ db, actor: admin, id: m.id, enabled: false, requestId: r3 })).enabled).toBe(false);
    expect((await eventsOf(r3)).map((e) => e.type)).toEqual(['MAPPING_DISABLED']);
    expect(await rolesForGroups({ db, groups: [group], idpKind: 'OIDC' })).toEqual([]);
    // An edit that does not name `enabled` leaves the mapping disabled.
    expect((await updateMapping({ db, actor: admin, id: m.id, input: input(group, { roleLabel: 'Renamed' }) })).enabled).toBe(false);

    const r4 = randomUUID();
    await deleteMapping({ db, actor: admin, id: m.id, requestId: r4 });
    expect(await db.roleMapping.findUnique({ where: { id: m.id } })).toBeNull();
    const [deleted] = await eventsOf(r4);
    expect(deleted).toMatchObject({ type: 'MAPPING_DELETED', mappingId: m.id });
    expect(deleted?.details).toMatchObject({ before: { idpGroup: group, roleLabel: 'Renamed' } });
  });

  it('refuses invalid input per field and duplicates (also NFC-equal groups), changing nothing', async () => {
    const group = `e\u0301quipe-${randomUUID()}`;
    const before = await db.roleMapping.count();
    const bad = await refusal(createMapping({ db, actor: admin, input: input(group, { roleArn: 'arn:aws:iam::1:role/X', stsRegion: 'evil.com', maxDurationSeconds: 10, sessionPolicy: '{' }) }));
    expect(bad.code).toBe('invalid_input');
    expect(Object.keys(bad.extra.fields ?? {}).sort()).toEqual(['maxDurationSeconds', 'roleArn', 'sessionPolicy', 'stsRegion']);
    expect(await db.roleMapping.count()).toBe(before);

    const m = await createMapping({ db, actor: admin, input: input(group) });
    expect(m.idpGroup).toBe(group.normalize('NFC'));
    const dup = await refusal(createMapping({ db, actor: admin, input: input(group.normalize('NFC')) }));
    expect(dup.code).toBe('conflict');
    // It names and links the mapping that already grants the role.
    expect(dup.message).toBe(`Group “${group.normalize('NFC')}” already has the role ${SECURITY_AUDIT_ROLE}, through the mapping “Security audit”. Edit that mapping instead.`);
    expect(dup.extra.detail?.existingMapping).toMatchObject({ id: m.id, roleLabel: 'Security audit' });
    // One account, one name: a second name for 111122223333, or its name for a new account, is refused.
    const renamed = await refusal(createMapping({ db, actor: admin, input: input(`${group}-x`, { accountLabel: 'dev' }) }));
    expect(renamed.code).toBe('conflict');
    expect(renamed.extra.fields?.accountLabel).toMatch(/^Account 111122223333 is called “sandbox-dev” in Keyport/);
    const stolen = await refusal(createMapping({ db, actor: admin, input: input(`${group}-y`, { roleArn: 'arn:aws:iam::999988887777:role/Other', accountLabel: 'sandbox-dev' }) }));
    expect(stolen.extra.fields?.accountLabel).toBe('“sandbox-dev” already names account 111122223333: give account 999988887777 a name of its own.');
    expect(await db.awsAccount.count({ where: { id: '999988887777' } })).toBe(0);
    const other = await createMapping({ db, actor: admin, input: input(group, { roleArn: 'arn:aws:iam::111122223333:role/DevReadOnly' }) });
    expect((await refusal(updateMapping({ db, actor: admin, id: other.id, input: input(group) }))).code).toBe('conflict');
    expect((await refusal(updateMapping({ db, actor: admin, id: randomUUID(), input: input(group) }))).code).toBe('not_found');
    expect((await refusal(deleteMapping({ db, actor: admin, id: 'not-a-uuid' }))).code).toBe('not_found');
  });

  it('previews whose access a change adds or removes, from the people seen in the audit log', async () => {
    const group = `grp-${randomUUID()}`;
    const sub = `sub-${randomUUID()}`;
    await db.auditEvent.create({ data: { type: 'ISSUE_DENIED', actorSub: sub, actorEmail: 'pat@example.com', actorName: 'Pat', actorGroups: [group], idpKind: 'OIDC' } });
    const people = await listPeopleSeen({ db });
    expect(people.find((p) => p.sub === sub)).toMatchObject({ email: 'pat@example.com', groups: [group] });
    const impact = await previewChange({ db, change: { kind: 'create', input: input(group) }, people });
    expect(impact.groups).toEqual([{ group, added: [SEC], removed: [] }]);
    expect(impact.people.filter((p) => p.sub === sub)).toEqual([expect.objectContaining({ email: 'pat@example.com', added: [SEC], removed: [] })]);
    const m = await createMapping({ db, actor: admin, input: input(group) });
    const off = await previewChange({ db, change: { kind: 'disable', id: m.id }, people });
    expect(off.people.filter((p) => p.sub === sub)).toEqual([expect.objectContaining({ removed: [SEC] })]);
  });
});

describe('import and export', () => {
  it('refuses a file with one bad row, names the row, and changes nothing', async () => {
    const g = `imp-${randomUUID()}`;
    const existing = await createMapping({ db, actor: admin, input: input(`${g}-a`) });
    const before = await exportMappings({ db });
    const auditBefore = await db.auditEvent.count({ where: { type: 'MAPPINGS_IMPORTED' } });
    const document = {
      version: 1,
      mappings: [input(`${g}-a`, { maxDurationSeconds: 900 }), input(`${g}-b`), input(`${g}-c`, { allowedRegions: ['us-east-1', 'moon-1'] })],
    };
    for (const apply of [false, true]) {
      const e = await refusal(importMappings({ db, actor: admin, document, mode: 'merge', apply, expectedDigest: 'f'.repeat(64), people: [] }));
      expect(e.code).toBe('invalid_input');
      expect(e.message).toMatch(/Nothing was imported: 1 row is invalid — row 3 \(imp-.*-c → arn:aws:iam::111122223333:role\/SecurityAudit\): allowedRegions/);
      expect(e.extra.fields).toEqual({ 'row 3': expect.stringContaining('moon-1') });
    }
    expect(await exportMappings({ db })).toBe(before);
    expect((await db.roleMapping.findUnique({ where: { id: existing.id } }))?.maxDurationSeconds).toBe(3600);
    expect(await db.auditEvent.count({ where: { type: 'MAPPINGS_IMPORTED' } })).toBe(auditBefore);
  });

  it('previews, then applies exactly the previewed plan in one audited transaction', async () => {
    const g = `imp-${randomUUID()}`;
    const existing = await createMapping({ db, actor: admin, input: input(`${g}-a`) });
    const document = { version: 1, mappings: [input(`${g}-a`, { maxDurationSeconds: 900 }), input(`${g}-b`, { sessionPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:List*', Resource: '*' }] } })] };
    const preview = await importMappings({ db, actor: admin, document, mode: 'merge', apply: false, people: [] });
    expect(preview.create.map((m) => m.idpGroup)).toEqual([`${g}-b`]);
    expect(preview.update.map((u) => [u.id, u.changedFields])).toEqual([[existing.id, ['maxDurationSeconds']]]);
    expect(await db.roleMapping.count({ where: { idpGroup: `${g}-b` } })).toBe(0);

    const requestId = randomUUID();
    const applied = await importMappings({ db, actor: admin, document, mode: 'merge', apply: true, expectedDigest: preview.digest, people: [], requestId });
    expect(applied.applied).toBe(true);
    expect((await db.roleMapping.findUnique({ where: { id: existing.id } }))?.maxDurationSeconds).toBe(900);
    const created = await db.roleMapping.findFirst({ where: { idpGroup: `${g}-b` } });
    expect(created?.sessionPolicy).toBe('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:List*","Resource":"*"}]}');
    const [event] = await eventsOf(requestId);
    expect(event).toMatchObject({ type: 'MAPPINGS_IMPORTED', actorSub: 'sub-adam' });
    expect(event?.details).toMatchObject({ mode: 'merge', counts: { created: 1, updated: 1, deleted: 0 } });

    // The same file again is a no-op; a stale preview is refused.
    const again = await importMappings({ db, actor: admin, document, mode: 'merge', apply: false, people: [] });
    expect(again.create.length + again.update.length).toBe(0);
    expect((await refusal(importMappings({ db, actor: admin, document: { ...document, mappings: [input(`${g}-z`)] }, mode: 'merge', apply: true, expectedDigest: preview.digest, people: [] }))).code).toBe('conflict');
    expect(await db.roleMapping.count({ where: { idpGroup: `${g}-z` } })).toBe(0);
  });

  it('exports in a stable order that reads back as the same mappings', async () => {
    const g = `exp-${randomUUID()}`;
    await createMapping({ db, actor: admin, input: input(`${g}-b`) });
    await createMapping({ db, actor: admin, input: input(`${g}-a`) });
    const text = await exportMappings({ db });
    const doc = JSON.parse(text) as { mappings: Array<{ idpGroup: string }> };
    const mine = doc.mappings.map((m) => m.idpGroup).filter((x) => x.startsWith(g));
    expect(mine).toEqual([`${g}-a`, `${g}-b`]);
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('the generated trust policy on sandbox AWS', () => {
  let idp: OidcIdp;
  let aws: SandboxAws;
  const client = { clientId: `keyport-${randomUUID().slice(0, 8)}`, clientSecret: 'integration-secret', redirectUris: ['http://localhost/api/auth/callback/oidc'] };
  const roleName = `KeyportGenerated${randomUUID().slice(0, 8)}`;
  const roleArn = `arn:aws:iam::444455556666:role/generated/${roleName}`;

  beforeAll(async () => {
    idp = await startOidcIdp({ clients: [client], people: DEMO_PEOPLE });
    const policy = trustPolicyFor({ idpKind: 'OIDC', roleArn, issuer: idp.issuer, clientId: client.clientId, samlProviderArn: null });
    // A world whose only role carries exactly what the editor prints, and nothing else.
    const world = parseWorld(
      {
        accounts: [{ id: '444455556666', label: 'sandbox-prod' }],
        oidcProviders: [{ account: '444455556666', url: '${OIDC_ISSUER}', clientIds: ['${OIDC_CLIENT_ID}'] }],
        roles: [{ arn: roleArn, maxSessionDuration: 3600, trustPolicy: policy }],
      },
      { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: client.clientId },
    );
    aws = await startSandboxAws({ world });
  });
  afterAll(async () => {
    await aws?.close();
    await idp?.close();
  });

  it('lets a mapped person get working credentials through issueCredentials', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await createMapping({ db, actor: admin, input: input(group, { roleArn, accountLabel: 'sandbox-prod' }) });
    const actor: Actor = { sessionId: 's', sub: `sub-${randomUUID()}`, idpKind: 'OIDC', email: 'erin@example.com', name: 'Erin', username: 'erin', groups: [group], roles: ['employee'], idTokenExpiresAt: null, emailVerified: true };
    const token = async () =>
      (await getIdToken({ issuer: idp.issuer, clientId: client.clientId, clientSecret: client.clientSecret, redirectUri: client.redirectUris[0] ?? '', username: 'erin', password: findDemoPerson('erin')?.password ?? '' })).idToken;
    const issued = await issueCredentials({
      actor,
      request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' },
      context: { requestId: randomUUID(), sourceIp: null, userAgent: 'vitest' },
      deps: {
        db,
        log: createLogger({ level: 'error', write: () => undefined }),
        issuer: idp.issuer,
        clientId: client.clientId,
        globalStsEndpoint: aws.url,
        rateLimitPerHour: 100,
        refusalLimitPerHour: 1000,
        supportContact: 'the platform team',
        webIdentityToken: token,
        assumeRole: (o) => assumeRoleWithWebIdentity({ ...o, backoffMs: 1 }),
      },
    });
    const sts = new STSClient({ region: 'us-east-1', endpoint: aws.url, credentials: issued.credentials });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::444455556666:assumed-role/${roleName}/erin@example.com`);
  });
});
