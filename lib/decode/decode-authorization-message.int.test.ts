// Decoding against the sandbox AWS and the test database: a chained session of the person reads a
// sandbox secret its role explicitly denies, AWS answers with an encoded message, and Keyport
// decodes it with the target account's decoder role — for that person and for a reviewer, never
// for someone else (403, audited); bad input and another account's message are refused in words.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import { issueCredentials } from '@/lib/issuance/issue-credentials';
import { createLogger } from '@/lib/log/logger';
import { assumeRoleChained } from '@/lib/sts/assume-role-chained';
import { assumeRoleWithWebIdentity } from '@/lib/sts/assume-role-with-web-identity';
import { readDemoSecretWith } from '@/sandbox/aws/demo-secret-client';
import { startSandboxStack, type SandboxStack } from '@/test/sandbox-stack';
import { createAwsDecoder } from './aws-decoder';
import { decodeAuthorizationMessageFor, type DecodeDeps } from './decode-authorization-message';

let stack: SandboxStack;
let db: Db;
let deps: DecodeDeps;
let denial: string;
let owner: Actor;
const log = createLogger({ level: 'error', write: () => undefined });
const context = () => ({ requestId: randomUUID(), sourceIp: '203.0.113.5', userAgent: 'vitest' });

function person(roles: Actor['roles'] = ['employee']): Actor {
  const tag = randomUUID().slice(0, 8);
  return { sessionId: 's', sub: `sub-decode-${tag}`, idpKind: 'OIDC', email: `decode-${tag}@example.com`, name: `Decode ${tag}`, username: 'alice', groups: [`grp-${tag}`], roles, idTokenExpiresAt: null, emailVerified: true };
}

beforeAll(async () => {
  stack = await startSandboxStack();
  db = createPrismaClient(inject('databaseUrl'));
  deps = { db, log, decoder: createAwsDecoder({ roleName: 'KeyportDecoder', stsEndpoint: stack.aws.url, credentials: stack.aws.iamAdminCredentials('111122223333') }) };
  owner = person();
  const m = await db.roleMapping.create({
    data: { idpGroup: owner.groups[0] ?? '', roleArn: 'arn:aws:iam::111122223333:role/KeyportHub', chainedRoleArn: 'arn:aws:iam::777788889999:role/SharedServicesReadOnly', accountId: '111122223333', accountLabel: 'shared', roleLabel: 'Shared', maxDurationSeconds: 3600, stsRegion: 'us-east-1', allowedRegions: ['us-east-1'], createdBy: 't', updatedBy: 't' },
  });
  const issued = await issueCredentials({
    actor: owner,
    request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' },
    context: context(),
    deps: {
      db,
      log,
      federationMode: 'broker',
      broker: { issuer: stack.broker.url, audience: 'sts.amazonaws.com', keys: () => Promise.resolve(stack.broker.keys()) },
      issuer: stack.idp.issuer,
      clientId: stack.clientId,
      globalStsEndpoint: stack.aws.url,
      rateLimitPerHour: 1000,
      refusalLimitPerHour: 1000,
      supportContact: 'x',
      webIdentityToken: () => stack.tokenFor('alice'),
      assumeRole: (o) => assumeRoleWithWebIdentity({ ...o, backoffMs: 1 }),
      assumeRoleChained: (o) => assumeRoleChained({ ...o, backoffMs: 1 }),
    },
  });
  const answer = await readDemoSecretWith({ endpoint: stack.aws.url, credentials: issued.credentials, secretName: 'payroll' });
  expect(answer.code).toBe('UnauthorizedOperation');
  denial = `An error occurred (UnauthorizedOperation) when calling the ReadDemoSecret operation: ${answer.message ?? ''}`;
});
afterAll(async () => {
  await db?.$disconnect();
  await stack?.close();
});

const decodeAs = (actor: Actor, text = denial, accountId?: string, d = deps) => decodeAuthorizationMessageFor({ actor, text, accountId, context: context(), deps: d });
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const eventsOf = (actor: Actor) => db.auditEvent.findMany({ where: { actorSub: actor.sub, type: 'AUTHORIZATION_MESSAGE_DECODED' }, orderBy: { id: 'asc' } });

describe('decoding an authorization failure message', () => {
  it('shows its owner the explicit deny, the policy type and the statement; audited without the message', async () => {
    const r = await decodeAs(owner);
    expect(r.readAs).toBe('issued-to-you');
    expect(r.accountId).toBe('777788889999');
    expect(r.explanation).toMatchObject({ explicitDeny: true, allowed: false, policyType: 'identity-based policy', action: 'sandbox:ReadDemoSecret', resource: 'arn:aws:sandbox:us-east-1:777788889999:secret/payroll' });
    expect(r.explanation.verdict).toMatch(/^An explicit deny in an identity-based policy refused it/);
    expect(r.explanation.statements.map((s) => [s.statementId, s.effect])).toEqual([['DenyPayrollToEveryone', 'DENY']]);
    expect(JSON.parse(r.rawJson)).toMatchObject({ explicitDeny: true, context: { principal: { arn: `arn:aws:sts::777788889999:assumed-role/SharedServicesReadOnly/${owner.email}` } } });
    const [event] = await eventsOf(owner);
    expect(event).toMatchObject({ outcome: 'success', accountId: '777788889999', sessionName: owner.email, roleArn: 'arn:aws:iam::777788889999:role/SharedServicesReadOnly' });
    expect(event?.details).toMatchObject({ readAs: 'issued-to-you', explicitDeny: true, matchedStatementIds: ['DenyPayrollToEveryone'] });
    expect(JSON.stringify(event?.details)).not.toContain('Encoded');
  });

  it('refuses someone else with 403, and audits the refusal', async () => {
    const other = person();
    const e = await refusal(decodeAs(other));
    expect(e?.status).toBe(403);
    expect(e?.message).toContain('a session Keyport did not issue to you');
    const [event] = await eventsOf(other);
    expect(event).toMatchObject({ outcome: 'denied', accountId: '777788889999', sessionName: owner.email });
    expect(event?.details).toMatchObject({ reason: 'not issued to the actor' });
  });

  it('decodes it for a reviewer, who sees that it was not theirs', async () => {
    const reviewer = person(['employee', 'auditor']);
    expect((await decodeAs(reviewer)).readAs).toBe('reviewer');
  });

  it('says what to do for text without a message, a bad account, another account, and no decoder', async () => {
    const p = person();
    expect((await refusal(decodeAs(p, 'Access Denied')))?.status).toBe(422);
    expect((await refusal(decodeAs(p, denial, '12345')))?.status).toBe(422);
    const elsewhere = await refusal(decodeAs(owner, denial, '111122223333'));
    expect(elsewhere?.status).toBe(422);
    expect(elsewhere?.message).toContain('AWS could not decode this message in account 111122223333');
    const off = await refusal(decodeAs(p, denial, undefined, { ...deps, decoder: null }));
    expect(off?.status).toBe(503);
    expect((await eventsOf(p)).map((e) => e.outcome)).toEqual(['failure', 'failure', 'failure']);
  });
});
