// Role chaining end to end, against the real test database and sandbox AWS loaded from
// sandbox/world.json (KeyportHub, broker mode, and SharedServicesReadOnly in another account, which
// trusts only the hub): the person gets the target's credentials under their own session name, the
// SourceIdentity is on both hops, a longer request is clamped to the chaining cap with the reason,
// the audit records both hops (both keys, both request ids) — also when the second hop is refused
// or its answer is lost — and a person revocation denies every hop.
import { randomUUID } from 'node:crypto';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { TemporaryCredentials } from '@/lib/credentials/types';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import { createLogger } from '@/lib/log/logger';
import { revokePersonSessions } from '@/lib/revocation/revoke-person-sessions';
import { revokeRoleSessions } from '@/lib/revocation/revoke-role-sessions';
import { createRoleIam } from '@/lib/revocation/role-iam';
import { assumeRoleChained } from '@/lib/sts/assume-role-chained';
import { assumeRoleWithWebIdentity } from '@/lib/sts/assume-role-with-web-identity';
import { startSandboxStack, type SandboxStack } from '@/test/sandbox-stack';
import { issueCredentials, type IssueDeps } from './issue-credentials';

const HUB = 'arn:aws:iam::111122223333:role/KeyportHub';
const TARGET = 'arn:aws:iam::777788889999:role/SharedServicesReadOnly';
const NOT_TRUSTING = 'arn:aws:iam::111122223333:role/DevReadOnly';

let stack: SandboxStack;
let db: Db;
const log = createLogger({ level: 'error', write: () => undefined });
const context = () => ({ requestId: randomUUID(), sourceIp: '203.0.113.9', userAgent: 'vitest' });

beforeAll(async () => {
  stack = await startSandboxStack();
  db = createPrismaClient(inject('databaseUrl'));
});
afterAll(async () => {
  await db?.$disconnect();
  await stack?.close();
});

function person(): Actor {
  const tag = randomUUID().slice(0, 8);
  return { sessionId: 's', sub: `sub-chain-${tag}`, idpKind: 'OIDC', email: `chain-${tag}@example.com`, name: 'Chain Person', username: 'alice', groups: [`grp-${tag}`], roles: ['employee'], idTokenExpiresAt: null, emailVerified: true };
}

async function chainedMapping(actor: Actor, target = TARGET, maxDurationSeconds = 14400) {
  return db.roleMapping.create({
    data: { idpGroup: actor.groups[0] ?? '', roleArn: HUB, chainedRoleArn: target, accountId: '111122223333', accountLabel: 'shared', roleLabel: 'Shared services', maxDurationSeconds, stsRegion: 'us-east-1', allowedRegions: ['us-east-1'], createdBy: 't', updatedBy: 't' },
  });
}

function deps(over: Partial<IssueDeps> = {}): IssueDeps {
  return {
    db,
    log,
    federationMode: 'broker',
    broker: { issuer: stack.broker.url, audience: 'sts.amazonaws.com', keys: () => Promise.resolve(stack.broker.keys()) },
    issuer: stack.idp.issuer,
    clientId: stack.clientId,
    globalStsEndpoint: stack.aws.url,
    rateLimitPerHour: 1000,
    refusalLimitPerHour: 1000,
    supportContact: 'the platform team',
    webIdentityToken: () => stack.tokenFor('alice'),
    assumeRole: (o) => assumeRoleWithWebIdentity({ ...o, backoffMs: 1 }),
    assumeRoleChained: (o) => assumeRoleChained({ ...o, backoffMs: 1 }),
    ...over,
  };
}

const issue = (actor: Actor, mappingId: string, durationSeconds = 900, d = deps()) => issueCredentials({ actor, request: { mappingId, durationSeconds, region: 'us-east-1' }, context: context(), deps: d });

async function who(c: TemporaryCredentials): Promise<string> {
  const sts = new STSClient({ region: 'us-east-1', endpoint: stack.aws.url, credentials: c, maxAttempts: 1 });
  try {
    return await sts.send(new GetCallerIdentityCommand({})).then(
      (o) => o.Arn ?? '',
      (e: unknown) => `error:${(e as { name?: string }).name}`,
    );
  } finally {
    sts.destroy();
  }
}

const eventsOf = (actor: Actor) => db.auditEvent.findMany({ where: { actorSub: actor.sub }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });

describe('role chaining', () => {
  it('issues the target role under the person’s session name, SourceIdentity on both hops, both hops audited', async () => {
    const actor = person();
    const m = await chainedMapping(actor);
    const issued = await issue(actor, m.id);
    expect(issued.assumedRoleArn).toBe(`arn:aws:sts::777788889999:assumed-role/SharedServicesReadOnly/${actor.email}`);
    expect(await who(issued.credentials)).toBe(`arn:aws:sts::777788889999:assumed-role/SharedServicesReadOnly/${actor.email}`);
    expect(issued).toMatchObject({ roleArn: TARGET, accountId: '777788889999', chainedFrom: { roleArn: HUB } });

    const events = await eventsOf(actor);
    expect(events.map((e) => e.type)).toEqual(['ISSUE_REQUESTED', 'ISSUE_HOP_SUCCEEDED', 'ISSUE_SUCCEEDED']);
    const [requested, hop, done] = events;
    expect(requested?.details).toMatchObject({ chainedRoleArn: TARGET });
    expect(hop).toMatchObject({ roleArn: HUB, assumedRoleArn: `arn:aws:sts::111122223333:assumed-role/KeyportHub/${actor.email}`, intentId: requested?.intentId });
    expect(hop?.accessKeyId).toMatch(/^ASIA/);
    expect(hop?.accessKeyId).not.toBe(issued.credentials.accessKeyId);
    expect(done).toMatchObject({ accessKeyId: issued.credentials.accessKeyId, assumedRoleArn: issued.assumedRoleArn });
    const hops = (done?.details as { hops: Array<{ hop: number; accessKeyId: string; stsRequestId: string; roleArn: string }> }).hops;
    expect(hops.map((h) => [h.hop, h.roleArn, h.accessKeyId])).toEqual([
      [1, HUB, hop?.accessKeyId],
      [2, TARGET, issued.credentials.accessKeyId],
    ]);
    expect(hops.every((h) => typeof h.stsRequestId === 'string' && h.stsRequestId.length > 0)).toBe(true);
    expect(hops[0]?.stsRequestId).not.toBe(hops[1]?.stsRequestId);

    // Sandbox AWS's journal: the person's SourceIdentity on both hops; hop 2 signed by hop 1.
    const journal = stack.journal();
    const first = journal.find((s) => s.accessKeyId === hop?.accessKeyId);
    const second = journal.find((s) => s.accessKeyId === issued.credentials.accessKeyId);
    expect(first?.sourceIdentity).toBe(actor.email);
    expect(second?.sourceIdentity).toBe(actor.email);
    expect(second?.chainedFrom).toBe(hop?.accessKeyId);
    // The hub session is the shortest there is: it only signs the second call.
    expect(Date.parse(first?.expiresAt ?? '') - Date.parse(first?.issuedAt ?? '')).toBe(900_000);
  });

  it('clamps a 4-hour request to the 1-hour chaining cap and says why', async () => {
    const actor = person();
    const m = await chainedMapping(actor);
    const issued = await issue(actor, m.id, 4 * 3600);
    expect(issued.durationSeconds).toBe(3600);
    expect(issued.notice).toMatch(/^AWS limits a chained session to 1 hour/);
    const ttl = issued.credentials.expiration.getTime() - Date.now();
    expect(ttl).toBeGreaterThan(3500_000);
    expect(ttl).toBeLessThanOrEqual(3600_000);
    const done = (await eventsOf(actor)).find((e) => e.type === 'ISSUE_SUCCEEDED');
    expect(done?.durationSeconds).toBe(3600);
  });

  it('a refused second hop is ISSUE_FAILED naming both hops; the hub key is recorded, the person gets nothing', async () => {
    const actor = person();
    const m = await chainedMapping(actor, NOT_TRUSTING);
    const e = await issue(actor, m.id).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(403);
    expect((e as AppError).message).toContain(`AWS refused to let it assume the target role ${NOT_TRUSTING}`);
    const events = await eventsOf(actor);
    expect(events.map((x) => x.type)).toEqual(['ISSUE_REQUESTED', 'ISSUE_HOP_SUCCEEDED', 'ISSUE_FAILED']);
    const hop = events[1];
    expect(events[2]).toMatchObject({ errorCode: 'AccessDenied', outcome: 'failure' });
    expect(events[2]?.stsRequestId).toBeTruthy();
    expect(events[2]?.details).toMatchObject({ hop: 2, firstHop: { accessKeyId: hop?.accessKeyId, stsRequestId: hop?.stsRequestId } });
  });

  it('a lost second answer is ISSUE_OUTCOME_UNKNOWN, never retried, with the first hop named', async () => {
    const actor = person();
    const m = await chainedMapping(actor);
    let calls = 0;
    const lost = deps({ assumeRoleChained: () => Promise.resolve({ ok: false as const, code: 'StsTimeout', definite: false, stsRequestId: null, attempts: 1, awsMessage: 'timeout' }).finally(() => calls++) });
    const e = await issue(actor, m.id, 900, lost).catch((x: unknown) => x);
    expect((e as AppError).message).toMatch(/cannot tell whether it issued credentials/);
    expect(calls).toBe(1);
    const events = await eventsOf(actor);
    expect(events.map((x) => x.type)).toEqual(['ISSUE_REQUESTED', 'ISSUE_HOP_SUCCEEDED', 'ISSUE_OUTCOME_UNKNOWN']);
    expect(events[2]?.details).toMatchObject({ hop: 2, firstHop: { accessKeyId: events[1]?.accessKeyId } });
  });

  it('refuses (ISSUE_DENIED, nothing asked of AWS) a chained mapping on a channel that cannot chain', async () => {
    const actor = person();
    const m = await chainedMapping(actor);
    const { assumeRoleChained: _none, ...without } = deps();
    const e = await issue(actor, m.id, 900, without).catch((x: unknown) => x);
    expect((e as AppError).status).toBe(502);
    expect((e as AppError).message).toContain('role chaining');
    const events = await eventsOf(actor);
    expect(events.map((x) => [x.type, (x.details as { reason?: string }).reason])).toEqual([['ISSUE_DENIED', 'chain misconfigured']]);
  });

  it('person revocation puts the deny on the hub and the target: the chained session is denied; the target counts as managed', async () => {
    const actor = person();
    const m = await chainedMapping(actor);
    const issued = await issue(actor, m.id);
    const revocationDeps = {
      db,
      log,
      iam: createRoleIam({ endpoint: stack.aws.url, stsEndpoint: stack.aws.url, revocationRoleName: 'KeyportRevocation', credentials: stack.aws.iamAdminCredentials('111122223333') }),
    };
    const reviewer: Actor = { sessionId: 's', sub: `sub-rev-${randomUUID()}`, idpKind: 'OIDC', email: 'rita@example.com', name: 'Rita', username: 'rita', groups: [], roles: ['employee', 'auditor'], idTokenExpiresAt: null, emailVerified: true };
    const revocation = await revokePersonSessions({ actor: reviewer, personSub: actor.sub, reason: 'chain drill', context: context(), deps: revocationDeps });
    expect(revocation.roleArns).toEqual([HUB, TARGET]);
    expect(revocation.failures).toEqual([]);
    expect(await who(issued.credentials)).toBe('error:AccessDenied');
    // A role revocation of the target is allowed: a mapping names it as its chain's target.
    const role = await revokeRoleSessions({ actor: reviewer, roleArn: TARGET, reason: 'chain drill', context: context(), deps: revocationDeps });
    expect(role.roleArns).toEqual([TARGET]);
  });
});
