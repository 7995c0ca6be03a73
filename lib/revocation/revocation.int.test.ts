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

describe('revocation', () => {
  it('refuses without a reason (422) and calls nothing', async () => {
    const e = await revokeRoleSessions({ actor: reviewer, roleArn: ROLE, reason: ' ', context, deps }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(422);
    expect(stack.aws.stats().calls.PutRolePolicy ?? 0).toBe(0);
  });

  it('a person with no live credentials has nothing to revoke (409)', async () => {
    const e = await revokePersonSessions({ actor: reviewer, personSub: `nobody-${randomUUID()}`, reason: 'offboarding', context, deps }).catch((x: unknown) => x);
    expect((e as AppError).status).toBe(409);
  });

  it('revokes one person across their roles, sparing a colleague on the same role; lifting is audited', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await db.roleMapping.create({
      data: { idpGroup: group, roleArn: ROLE, accountId: '111122223333', accountLabel: 't', roleLabel: 't', stsRegion: 'us-east-1', allowedRegions: ['us-east-1'], createdBy: 't', updatedBy: 't' },
    });
    const erin = { sub: `sub-erin-${randomUUID()}`, email: 'erin@example.com', username: 'erin' };
    const alice = { sub: `sub-alice-${randomUUID()}`, email: 'alice@example.com', username: 'alice' };
    const erinKeys = await issue(erin, group, m.id);
    const aliceKeys = await issue(alice, group, m.id);

    const rev = await revokePersonSessions({ actor: reviewer, personSub: erin.sub, reason: 'incident 42', context, deps });
    expect(rev).toMatchObject({ kind: 'PERSON', roleArns: [ROLE], sessionNames: ['erin@example.com'], failures: [] });
    expect(await who(erinKeys)).toBe('error:AccessDenied');
    expect(await who(aliceKeys)).toBe('arn:aws:sts::111122223333:assumed-role/DevDeveloper/alice@example.com');
    expect(await who(await issue(erin, group, m.id))).toBe('arn:aws:sts::111122223333:assumed-role/DevDeveloper/erin@example.com');

    const created = await db.auditEvent.findMany({ where: { type: 'REVOCATION_CREATED', details: { path: ['revocationId'], equals: rev.id } } });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actorSub: 'sub-rita', outcome: 'success', sessionName: 'erin@example.com' });

    const lifted = await liftRevocation({ actor: reviewer, revocationId: rev.id, reason: 'cleared', context, deps });
    expect(lifted.liftedByName).toBe('Rita Reviewer');
    expect(await who(erinKeys)).toBe('arn:aws:sts::111122223333:assumed-role/DevDeveloper/erin@example.com');
    await expect(liftRevocation({ actor: reviewer, revocationId: rev.id, reason: 'again', context, deps })).rejects.toMatchObject({ code: 'conflict' });
    expect(await db.auditEvent.count({ where: { type: 'REVOCATION_LIFTED', details: { path: ['revocationId'], equals: rev.id } } })).toBe(1);
  });

  it('revokes every session of a role issued before now', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await db.roleMapping.create({
      data: { idpGroup: group, roleArn: ROLE, accountId: '111122223333', accountLabel: 't', roleLabel: 't', stsRegion: 'us-east-1', allowedRegions: ['us-east-1'], createdBy: 't', updatedBy: 't' },
    });
    const alice = { sub: `sub-alice-${randomUUID()}`, email: 'alice@example.com', username: 'alice' };
    const old = await issue(alice, group, m.id);
    const rev = await revokeRoleSessions({ actor: reviewer, roleArn: ROLE, reason: 'role compromised', context, deps });
    expect(await who(old)).toBe('error:AccessDenied');
    expect(await who(await issue(alice, group, m.id))).toMatch(/assumed-role\/DevDeveloper/);
    await liftRevocation({ actor: reviewer, revocationId: rev.id, reason: 'rotated', context, deps });
    expect(await who(old)).toMatch(/assumed-role\/DevDeveloper/);
  });
});
