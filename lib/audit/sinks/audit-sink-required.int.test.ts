// AUDIT_SINK_REQUIRED=true (issue #13): while a required sink is behind past the bound, issuance
// is refused with a clear message, nothing is asked of AWS, and nothing is recorded as requested;
// once the sink catches up, issuance works again.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/lib/audit/test-database';
import type { Actor } from '@/lib/auth/actor';
import { createPrismaClient, sqlPool, type Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import { issueCredentials, type IssueDeps } from '@/lib/issuance/issue-credentials';
import { createLogger } from '@/lib/log/logger';
import { assumeRoleWithWebIdentity } from '@/lib/sts/assume-role-with-web-identity';
import { startAuditCollector, type AuditCollector } from '@/test/audit-collector';
import { startSandboxStack, type SandboxStack } from '@/test/sandbox-stack';
import { auditDeliveryGate } from './assert-audit-delivery';
import { AuditDelivery } from './audit-delivery';
import { createAuditSink } from './create-audit-sink';
import { readSinkStatus } from './sink-status';

const DEV_RO = 'arn:aws:iam::111122223333:role/DevReadOnly';
const quiet = createLogger({ level: 'error', write: () => undefined });
let stack: SandboxStack;
let tdb: TestDatabase;
let db: Db;
let collector: AuditCollector;
let delivery: AuditDelivery;

beforeAll(async () => {
  stack = await startSandboxStack();
  tdb = await createTestDatabase(inject('adminDatabaseUrl'), 'sink_required');
  db = createPrismaClient(tdb.url, { max: 4 });
  collector = await startAuditCollector();
  delivery = new AuditDelivery({
    databaseUrl: tdb.url,
    sink: createAuditSink({ kind: 'http', url: collector.url, preset: 'webhook', authHeader: undefined, batch: 100, timeoutMs: 5_000 }),
    log: quiet,
    failingBoundMs: 1_000,
    idleMs: 20,
    maxBackoffMs: 200,
  });
  delivery.start();
});
afterAll(async () => {
  await delivery?.stop();
  await collector?.close();
  await db?.$disconnect();
  await tdb?.drop();
  await stack?.close();
});

const until = async (what: () => Promise<boolean>) => {
  while (!(await what())) await new Promise((r) => setTimeout(r, 50));
};

describe('AUDIT_SINK_REQUIRED', () => {
  it('refuses issuance while the sink is down past the bound, with nothing sent to AWS, and issues again after it recovers', { timeout: 90_000 }, async () => {
    const group = `grp-${randomUUID()}`;
    const m = await db.roleMapping.create({
      data: { idpGroup: group, roleArn: DEV_RO, accountId: '111122223333', accountLabel: 'test', roleLabel: 'Test', maxDurationSeconds: 3600, stsRegion: 'us-east-1', allowedRegions: ['us-east-1'], createdBy: 't', updatedBy: 't' },
    });
    const actor: Actor = { sessionId: 's', sub: `sub-${randomUUID()}`, idpKind: 'OIDC', email: 'alice@example.com', name: 'Alice', username: 'alice', groups: [group], roles: ['employee'], idTokenExpiresAt: null, emailVerified: true };
    const gate = auditDeliveryGate({ db, sinks: ['http'], maxLagMs: 1_000 });
    const deps: IssueDeps = {
      db,
      log: quiet,
      issuer: stack.idp.issuer,
      clientId: stack.clientId,
      globalStsEndpoint: stack.aws.url,
      rateLimitPerHour: 100,
      refusalLimitPerHour: 1000,
      supportContact: 'the platform team',
      webIdentityToken: () => stack.tokenFor('alice'),
      assumeRole: (o) => assumeRoleWithWebIdentity({ ...o, backoffMs: 1 }),
      assertAuditDelivered: gate,
    };
    const issue = (requestId: string) => issueCredentials({ actor, request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context: { requestId, sourceIp: null, userAgent: 'vitest' }, deps });
    const calls = () => stack.aws.stats().calls.AssumeRoleWithWebIdentity ?? 0;

    // The sink keeps up: issuance works.
    await issue(randomUUID());

    // The collector goes down; events pile up past the bound.
    collector.answer = () => 'refuse';
    await db.auditEvent.create({ data: { type: 'AUDIT_VERIFIED', actorSub: 'probe' } });
    await until(async () => (await readSinkStatus(sqlPool(db), ['http'], 1_000))[0]?.overBound === true);
    const before = calls();
    const requestId = randomUUID();
    const refused = await issue(requestId).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('unavailable');
    expect((refused as AppError).status).toBe(503);
    expect((refused as AppError).message).toMatch(/not issuing credentials right now: the audit is not reaching the security team's "http" audit sink .* Nothing was issued/);
    expect(calls()).toBe(before);
    expect(await db.auditEvent.count({ where: { requestId, type: 'ISSUE_REQUESTED' } })).toBe(0);
    // The refusal itself is recorded (in the database; the sink gets it once it recovers).
    expect((await db.auditEvent.findFirst({ where: { requestId, type: 'ISSUE_DENIED' } }))?.details).toMatchObject({ reason: 'sink behind' });

    // The collector recovers: the backlog is delivered and issuance works again.
    collector.answer = () => 'accept';
    await until(async () => (await readSinkStatus(sqlPool(db), ['http'], 1_000))[0]?.overBound === false);
    await until(() => gate().then(() => true, () => false));
    const issued = await issue(randomUUID());
    expect(issued.credentials.accessKeyId).toBeTruthy();
    expect(calls()).toBe(before + 1);
  });
});
