// readCatalog against the real test database: remembered choices, live credentials, role health
// and roles that need the other sign-in, each scoped to the person asking.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { rememberIssuanceChoice } from '@/lib/choices/remember-issuance-choice';
import { rememberOutputChoice } from '@/lib/choices/remember-output-choice';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { readCatalog } from './list-catalog';

let db: Db;
beforeAll(() => {
  db = createPrismaClient(inject('databaseUrl'));
});
afterAll(async () => {
  await db?.$disconnect();
});

function person(groups: string[], idpKind: 'OIDC' | 'SAML' = 'OIDC'): Actor {
  return { sessionId: 's', sub: `sub-${randomUUID()}`, idpKind, email: `${randomUUID()}@example.com`, name: 'Pat', username: 'pat', groups, roles: ['employee'], idTokenExpiresAt: null, emailVerified: true };
}

async function mapping(group: string, over: Partial<{ idpKind: 'OIDC' | 'SAML' | 'BOTH'; maxDurationSeconds: number; allowedRegions: string[] }> = {}) {
  const roleArn = `arn:aws:iam::111122223333:role/Catalog${randomUUID().slice(0, 8)}`;
  return db.roleMapping.create({
    data: {
      idpGroup: group,
      idpKind: over.idpKind ?? 'OIDC',
      roleArn,
      accountId: '111122223333',
      accountLabel: 'test',
      roleLabel: `Role ${roleArn.slice(-8)}`,
      maxDurationSeconds: over.maxDurationSeconds ?? 3600,
      stsRegion: 'us-east-1',
      allowedRegions: over.allowedRegions ?? ['us-east-1', 'eu-west-1'],
      createdBy: 'test',
      updatedBy: 'test',
    },
  });
}

const who = (a: Actor) => ({ sub: a.sub, email: a.email, name: a.name, groups: a.groups, idpKind: a.idpKind });

describe('readCatalog', () => {
  it('offers the last duration and region again, per person and role, and never another person’s', async () => {
    const group = `g-${randomUUID()}`;
    const m = await mapping(group);
    const pat = person([group]);
    const sam = person([group]);
    await rememberIssuanceChoice(db, { actorSub: pat.sub, mappingId: m.id, durationSeconds: 900, region: 'eu-west-1' });
    expect(await rememberOutputChoice({ db, actorSub: pat.sub, choice: { mappingId: m.id, outputFormat: 'credentials-file', profileName: 'dev-eu' } })).toBe(true);
    const mine = (await readCatalog({ db, actor: pat })).roles.find((r) => r.mappingId === m.id);
    expect(mine?.lastChoice).toMatchObject({ durationSeconds: 900, region: 'eu-west-1', outputFormat: 'credentials-file', profileName: 'dev-eu' });
    const theirs = (await readCatalog({ db, actor: sam })).roles.find((r) => r.mappingId === m.id);
    expect(theirs?.lastChoice).toBeNull();
    // An output choice for a role one never used is not stored.
    expect(await rememberOutputChoice({ db, actorSub: sam.sub, choice: { mappingId: m.id, outputFormat: 'fish' } })).toBe(false);
  });

  it('does not offer a choice the mapping no longer allows', async () => {
    const group = `g-${randomUUID()}`;
    const m = await mapping(group);
    const pat = person([group]);
    await rememberIssuanceChoice(db, { actorSub: pat.sub, mappingId: m.id, durationSeconds: 3600, region: 'eu-west-1' });
    await db.roleMapping.update({ where: { id: m.id }, data: { allowedRegions: ['us-east-1'] } });
    expect((await readCatalog({ db, actor: pat })).roles.find((r) => r.mappingId === m.id)?.lastChoice).toBeNull();
  });

  it('says until when the person holds live credentials for a role', async () => {
    const group = `g-${randomUUID()}`;
    const m = await mapping(group);
    const pat = person([group]);
    const expiresAt = new Date(Date.now() + 30 * 60_000);
    await recordAuditEvent(db, { type: 'ISSUE_SUCCEEDED', outcome: 'success', actor: who(pat), mappingId: m.id, roleArn: m.roleArn, accountId: m.accountId, expiresAt, accessKeyId: 'ASIATESTTESTTESTTEST' });
    // Someone else's credentials for the same role are not hers.
    const other = person([group]);
    expect((await readCatalog({ db, actor: other })).roles.find((r) => r.mappingId === m.id)?.liveUntil).toBeNull();
    expect((await readCatalog({ db, actor: pat })).roles.find((r) => r.mappingId === m.id)?.liveUntil).toBe(expiresAt.toISOString());
  });

  it('warns about a role whose recent issuances failed at AWS, with the count and the fix, until one succeeds', async () => {
    const group = `g-${randomUUID()}`;
    const m = await mapping(group);
    const pat = person([group]);
    for (let i = 0; i < 3; i++) await recordAuditEvent(db, { type: 'ISSUE_FAILED', outcome: 'failure', actor: who(person([group])), mappingId: m.id, roleArn: m.roleArn, errorCode: 'AccessDenied' });
    const health = (await readCatalog({ db, actor: pat })).roles.find((r) => r.mappingId === m.id)?.health;
    expect(health).toMatchObject({ failureCount: 3, errorCode: 'AccessDenied', fix: { key: 'sts.AccessDenied' } });
    await recordAuditEvent(db, { type: 'ISSUE_SUCCEEDED', outcome: 'success', actor: who(pat), mappingId: m.id, roleArn: m.roleArn, expiresAt: new Date(Date.now() + 60_000), accessKeyId: 'ASIATESTTESTTESTTES2' });
    expect((await readCatalog({ db, actor: pat })).roles.find((r) => r.mappingId === m.id)?.health).toBeNull();
  });

  it('lists the roles only the other sign-in gives, instead of hiding them', async () => {
    const group = `g-${randomUUID()}`;
    const saml = await mapping(group, { idpKind: 'SAML' });
    const both = await mapping(group, { idpKind: 'BOTH' });
    const viaOidc = await readCatalog({ db, actor: person([group], 'OIDC') });
    expect(viaOidc.roles.map((r) => r.mappingId)).toEqual([both.id]);
    expect(viaOidc.otherSignIn).toEqual([expect.objectContaining({ mappingId: saml.id, needs: 'SAML' })]);
    const viaSaml = await readCatalog({ db, actor: person([group], 'SAML') });
    expect(viaSaml.roles.map((r) => r.mappingId).sort()).toEqual([saml.id, both.id].sort());
    expect(viaSaml.otherSignIn).toEqual([]);
  });
});
