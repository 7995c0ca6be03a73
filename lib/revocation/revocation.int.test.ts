// Revocation against the sandbox AWS (IAM PutRolePolicy/DeleteRolePolicy, enforced on
// GetCallerIdentity) and the real test database.
import { randomUUID } from 'node:crypto';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { TemporaryCredentials } from '@/lib/credentials/types';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import { issueCredentials, type IssueDeps } from '@/lib/issuance/issue-credentials';
import { createLogger } from '@/lib/log/logger';
import { assumeRoleWithWebIdentity } from '@/lib/sts/assume-role-with-web-identity';
import { startSandboxStack, type SandboxStack } from '@/test/sandbox-stack';
import { liftRevocation } from './lift-revocation';
import type { RevocationDeps } from './revocation-deps';
import { revokePersonSessions } from './revoke-person-sessions';
import { revokeRoleSessions } from './revoke-role-sessions';
import { createRoleIam } from './role-iam';

const ROLE = 'arn:aws:iam::111122223333:role/DevDeveloper';
let stack: SandboxStack;
let db: Db;
let deps: RevocationDeps;
const log = createLogger({ level: 'error', write: () => undefined });
const context = { requestId: 'req', sourceIp: '203.0.113.1', userAgent: 'vitest' };

beforeAll(async () => {
  stack = await startSandboxStack();
  db = createPrismaClient(inject('databaseUrl'));
  deps = { db, log, iam: createRoleIam({ endpoint: stack.aws.url, credentials: stack.aws.iamAdminCredentials('111122223333') }) };
});
afterAll(async () => {
  await db?.$disconnect();
  await stack?.close();
});

const reviewer: Actor = { sessionId: 's', sub: 'sub-rita', idpKind: 'OIDC', email: 'rita@example.com', name: 'Rita Reviewer', username: 'rita', groups: ['security-reviewers'], roles: ['employee', 'auditor'], idTokenExpiresAt: null, emailVerified: true };

async function issue(person: { sub: string; email: string; username: string }, group: string, mappingId: string): Promise<TemporaryCredentials> {
  const issueDeps: IssueDeps = {
    db,
    log,
    issuer: stack.idp.issuer,
    clientId: stack.clientId,
    globalStsEndpoint: stack.aws.url,
    rateLimitPerHour: 1000,
    refusalLimitPerHour: 1000,
    supportContact: 'x',
    webIdentityToken: () => stack.tokenFor(person.username),
    assumeRole: (o) => assumeRoleWithWebIdentity({ ...o, backoffMs: 1 }),
  };
  const actor: Actor = { sessionId: 's', sub: person.sub, idpKind: 'OIDC', email: person.email, name: person.username, username: person.username, groups: [group], roles: ['employee'], idTokenExpiresAt: null, emailVerified: true };
  return (await issueCredentials({ actor, request: { mappingId, durationSeconds: 900, region: 'us-east-1' }, context, deps: issueDeps })).credentials;
}

async function who(c: TemporaryCredentials): Promise<string> {
  const sts = new STSClient({ region: 'us-east-1', endpoint: stack.aws.url, credentials: c, maxAttempts: 1 });
  return sts.send(new GetCallerIdentityCommand({})).then(
    (o) => o.Arn ?? '',
    (e: unknown) => `error:${(e as { name?: string }).name}`,
  );
}

async function liveSessionFor(person: { sub: string; email: string }): Promise<string> {
  const id = `sess-${randomUUID()}`;
  await db.session.create({
    data: { id, userSub: person.sub, idpKind: 'OIDC', email: person.email, emailVerified: true, groups: [], idTokenEnc: 'enc-id', refreshTokenEnc: 'enc-refresh', expiresAt: new Date(Date.now() + 3600_000) },
  });
  return id;
}

function mappingFor(group: string, roleArn = ROLE) {
  return db.roleMapping.create({
    data: { idpGroup: group, roleArn, accountId: '111122223333', accountLabel: 't', roleLabel: 't', stsRegion: 'us-east-1', allowedRegions: ['us-east-1'], createdBy: 't', updatedBy: 't' },
  });
}

const person = (name: string) => {
  const tag = randomUUID().slice(0, 8);
  return { sub: `sub-${name}-${tag}`, email: `${name}-${tag}@example.com`, username: name };
};

describe('revocation', () => {
  it('refuses without a reason (422) and calls nothing', async () => {
    const e = await revokeRoleSessions({ actor: reviewer, roleArn: ROLE, reason: ' ', context, deps }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(422);
    expect(stack.aws.stats().calls.PutRolePolicy ?? 0).toBe(0);
  });

  it('refuses a person Keyport has never seen (404)', async () => {
    const e = await revokePersonSessions({ actor: reviewer, personSub: `nobody-${randomUUID()}`, reason: 'offboarding', context, deps }).catch((x: unknown) => x);
    expect((e as AppError).status).toBe(404);
  });

  it('revokes one person across their roles, sparing a colleague on the same role; lifting is audited', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mappingFor(group);
    const erin = person('erin');
    const alice = person('alice');
    const erinKeys = await issue(erin, group, m.id);
    const aliceKeys = await issue(alice, group, m.id);

    const rev = await revokePersonSessions({ actor: reviewer, personSub: erin.sub, reason: 'incident 42', context, deps });
    expect(rev).toMatchObject({ kind: 'PERSON', roleArns: [ROLE], sessionNames: [erin.email], failures: [] });
    // What was cut off, per role: erin's one live session, none of alice's.
    expect(rev.cutOff).toEqual([{ roleArn: ROLE, sessions: 1 }]);
    expect(await who(erinKeys)).toBe('error:AccessDenied');
    expect(await who(aliceKeys)).toBe(`arn:aws:sts::111122223333:assumed-role/DevDeveloper/${alice.email}`);

    const created = await db.auditEvent.findMany({ where: { type: 'REVOCATION_CREATED', details: { path: ['revocationId'], equals: rev.id } } });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actorSub: 'sub-rita', outcome: 'success', sessionName: erin.email });

    const lifted = await liftRevocation({ actor: reviewer, revocationId: rev.id, reason: 'cleared', context, deps });
    expect(lifted.liftedByName).toBe('Rita Reviewer');
    expect(await who(erinKeys)).toBe(`arn:aws:sts::111122223333:assumed-role/DevDeveloper/${erin.email}`);
    await expect(liftRevocation({ actor: reviewer, revocationId: rev.id, reason: 'again', context, deps })).rejects.toMatchObject({ code: 'conflict' });
    expect(await db.auditEvent.count({ where: { type: 'REVOCATION_LIFTED', details: { path: ['revocationId'], equals: rev.id } } })).toBe(1);
  });

  it('stops the person: ends their Keyport sessions, drops their tokens, refuses new issuance until lifted', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mappingFor(group);
    const dana = person('dana');
    const colleague = person('colleague');
    await issue(dana, group, m.id);
    const [s1, s2, other] = [await liveSessionFor(dana), await liveSessionFor(dana), await liveSessionFor(colleague)];

    const rev = await revokePersonSessions({ actor: reviewer, personSub: dana.sub, reason: 'laptop stolen', context, deps });
    expect(rev.sessionsEnded).toBe(2);
    const sessions = await db.session.findMany({ where: { id: { in: [s1, s2, other] } }, orderBy: { id: 'asc' } });
    for (const s of sessions.filter((x) => x.id !== other)) expect(s).toMatchObject({ idTokenEnc: null, refreshTokenEnc: null, revokedAt: expect.any(Date) });
    expect(sessions.find((x) => x.id === other)).toMatchObject({ revokedAt: null, idTokenEnc: 'enc-id' });

    // Signing in again gives a new session, but no credentials.
    const refused = await issue(dana, group, m.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 403 });
    expect((refused as AppError).message).toContain('revoked');
    expect((refused as AppError).message).toContain('laptop stolen');
    expect((refused as AppError).message).toContain(rev.id);
    const denied = await db.auditEvent.findMany({ where: { type: 'ISSUE_DENIED', actorSub: dana.sub } });
    expect(denied).toHaveLength(1);
    expect(denied[0]?.details).toMatchObject({ reason: 'revoked', revocationId: rev.id });
    expect(await db.auditEvent.count({ where: { type: 'ISSUE_REQUESTED', actorSub: dana.sub } })).toBe(1);

    // The same person through the other IdP (another subject, the same e-mail) is refused too.
    const viaSaml = await issue({ ...dana, sub: `saml-${dana.sub}` }, group, m.id).catch((e: unknown) => e);
    expect(viaSaml).toMatchObject({ status: 403 });

    // Nobody lifts their own revocation, whatever their roles; the attempt is audited.
    const self: Actor = { ...reviewer, sub: dana.sub, email: dana.email, name: 'Dana' };
    const selfLift = await liftRevocation({ actor: self, revocationId: rev.id, reason: 'it was me', context, deps }).catch((e: unknown) => e);
    expect(selfLift).toMatchObject({ status: 403 });
    expect(await db.auditEvent.count({ where: { type: 'REVOCATION_LIFTED', outcome: 'denied', actorSub: dana.sub } })).toBe(1);
    const selfOtherIdp: Actor = { ...reviewer, sub: `other-${dana.sub}`, email: dana.email.toUpperCase() };
    expect(await liftRevocation({ actor: selfOtherIdp, revocationId: rev.id, reason: 'still me', context, deps }).catch((e: unknown) => e)).toMatchObject({ status: 403 });
    expect((await db.revocation.findUniqueOrThrow({ where: { id: rev.id } })).liftedAt).toBeNull();

    await liftRevocation({ actor: reviewer, revocationId: rev.id, reason: 'laptop found', context, deps });
    expect(await who(await issue(dana, group, m.id))).toBe(`arn:aws:sts::111122223333:assumed-role/DevDeveloper/${dana.email}`);
  });

  it('blocks someone who holds no live credentials yet (no IAM policy needed)', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mappingFor(group);
    const noah = person('noah');
    await liveSessionFor(noah);
    const puts = stack.aws.stats().calls.PutRolePolicy ?? 0;
    const rev = await revokePersonSessions({ actor: reviewer, personSub: noah.sub, reason: 'leaving today', context, deps });
    expect(rev).toMatchObject({ kind: 'PERSON', roleArns: [], sessionNames: [], sessionsEnded: 1, cutOff: [] });
    expect(stack.aws.stats().calls.PutRolePolicy ?? 0).toBe(puts);
    expect(await issue(noah, group, m.id).catch((e: unknown) => e)).toMatchObject({ status: 403 });
    await liftRevocation({ actor: reviewer, revocationId: rev.id, reason: 'stays after all', context, deps });
    expect(await who(await issue(noah, group, m.id))).toMatch(/assumed-role\/DevDeveloper\//);
  });

  it('revokes only roles Keyport manages: any other ARN is refused (403) and audited, and IAM is not called', async () => {
    const puts = stack.aws.stats().calls.PutRolePolicy ?? 0;
    const unmanaged = 'arn:aws:iam::111122223333:role/ProdAdministratorNotMapped';
    const e = await revokeRoleSessions({ actor: reviewer, roleArn: unmanaged, reason: 'deny-all on anything', context, deps }).catch((x: unknown) => x);
    expect(e).toMatchObject({ status: 403 });
    expect(stack.aws.stats().calls.PutRolePolicy ?? 0).toBe(puts);
    expect(await db.auditEvent.count({ where: { type: 'REVOCATION_CREATED', outcome: 'denied', roleArn: unmanaged } })).toBe(1);
  });

  it('revokes every session of a role issued before now (a disabled mapping still makes it managed)', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mappingFor(group);
    const alice = person('alice');
    const old = await issue(alice, group, m.id);
    await db.roleMapping.update({ where: { id: m.id }, data: { enabled: false } });
    const rev = await revokeRoleSessions({ actor: reviewer, roleArn: ROLE, reason: 'role compromised', context, deps });
    expect(await who(old)).toBe('error:AccessDenied');
    await db.roleMapping.update({ where: { id: m.id }, data: { enabled: true } });
    expect(await who(await issue(alice, group, m.id))).toMatch(/assumed-role\/DevDeveloper/);
    await liftRevocation({ actor: reviewer, revocationId: rev.id, reason: 'rotated', context, deps });
    expect(await who(old)).toMatch(/assumed-role\/DevDeveloper/);
  });
});
