// issueCredentials against the real test database, the sandbox OIDC IdP and sandbox AWS.
import { randomUUID } from 'node:crypto';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSandboxStack, type SandboxStack } from '@/test/sandbox-stack';
import type { Actor } from '@/lib/auth/actor';
import { createPrismaClient, SQL_POOL, type Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import { createLogger } from '@/lib/log/logger';
import { assumeRoleWithWebIdentity } from '@/lib/sts/assume-role-with-web-identity';
import { startFaultProxy } from '@/test/fault-proxy';
import { issueCredentials, type IssueDeps } from './issue-credentials';

let stack: SandboxStack;
let db: Db;
const logLines: string[] = [];
const log = createLogger({ level: 'debug', write: (l) => logLines.push(l) });

beforeAll(async () => {
  stack = await startSandboxStack();
  db = createPrismaClient(inject('databaseUrl'));
});
afterAll(async () => {
  await db?.$disconnect();
  await stack?.close();
});

function actorWith(groups: string[]): Actor {
  return { sessionId: 's', sub: `sub-${randomUUID()}`, idpKind: 'OIDC', email: 'alice@example.com', name: 'Alice', username: 'alice', groups, roles: ['employee'], idTokenExpiresAt: null, emailVerified: true };
}

async function mapping(group: string, roleArn: string, over: Partial<{ maxDurationSeconds: number; sessionPolicy: string | null }> = {}) {
  return db.roleMapping.create({
    data: {
      idpGroup: group,
      roleArn,
      accountId: roleArn.split(':')[4] ?? '',
      accountLabel: 'test',
      roleLabel: 'Test role',
      maxDurationSeconds: over.maxDurationSeconds ?? 3600,
      stsRegion: 'us-east-1',
      allowedRegions: ['us-east-1', 'eu-west-1'],
      sessionPolicy: over.sessionPolicy ?? null,
      createdBy: 'test',
      updatedBy: 'test',
    },
  });
}

function deps(over: Partial<IssueDeps> = {}): IssueDeps {
  return {
    db,
    log,
    issuer: stack.idp.issuer,
    clientId: stack.clientId,
    globalStsEndpoint: stack.aws.url,
    rateLimitPerHour: 100,
    refusalLimitPerHour: 1000,
    supportContact: 'the platform team',
    webIdentityToken: () => stack.tokenFor('alice'),
    assumeRole: (o) => assumeRoleWithWebIdentity({ ...o, backoffMs: 1 }),
    ...over,
  };
}

const ctx = () => ({ requestId: randomUUID(), sourceIp: '203.0.113.7', userAgent: 'vitest' });
const DEV_RO = 'arn:aws:iam::111122223333:role/DevReadOnly';
const calls = () => stack.aws.stats().calls.AssumeRoleWithWebIdentity ?? 0;

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  const e = await p.then(
    () => new Error('expected a refusal'),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

describe('issueCredentials (OIDC)', () => {
  it('issues working credentials, records intent and outcome, and keeps secrets out of the database', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, DEV_RO);
    const actor = actorWith([group]);
    const context = ctx();
    const issued = await issueCredentials({ actor, request: { mappingId: m.id, durationSeconds: 3600, region: 'eu-west-1' }, context, deps: deps() });

    const sts = new STSClient({ region: 'us-east-1', endpoint: stack.aws.url, credentials: issued.credentials });
    const who = await sts.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:sts::111122223333:assumed-role/DevReadOnly/alice@example.com');
    expect(issued.sessionName).toBe('alice@example.com');
    expect(issued.credentials.expiration.getTime() - Date.now()).toBeGreaterThan(3500_000);

    const events = await db.auditEvent.findMany({ where: { requestId: context.requestId }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['ISSUE_REQUESTED', 'ISSUE_SUCCEEDED']);
    const [requested, succeeded] = events;
    expect(requested?.intentId).toBe(succeeded?.intentId);
    expect(requested).toMatchObject({ actorSub: actor.sub, actorGroups: [group], mappingId: m.id, roleArn: DEV_RO, durationSeconds: 3600, region: 'eu-west-1', sourceIp: '203.0.113.7', userAgent: 'vitest' });
    expect(succeeded).toMatchObject({ accessKeyId: issued.credentials.accessKeyId, assumedRoleArn: who.Arn, sessionName: 'alice@example.com' });
    expect(succeeded?.stsRequestId).toBeTruthy();
    expect(succeeded?.expiresAt?.toISOString()).toBe(issued.credentials.expiration.toISOString());

    // Every text column of every table, searched for the secret and the session token.
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    const tables = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    for (const { tablename } of tables.rows) {
      const { rows } = await client.query<{ hit: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM "${tablename}" t WHERE strpos(row_to_json(t)::text, $1) > 0 OR strpos(row_to_json(t)::text, $2) > 0) AS hit`,
        [issued.credentials.secretAccessKey, issued.credentials.sessionToken.slice(0, 40)],
      );
      expect(rows[0]?.hit, `secret found in ${tablename}`).toBe(false);
    }
    await client.end();
    expect(logLines.join('\n')).not.toContain(issued.credentials.secretAccessKey);
    expect(logLines.join('\n')).not.toContain(issued.credentials.sessionToken.slice(0, 40));
  });

  it('remembers the duration and region of each issuance, writing the row only when the choice changed', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, DEV_RO);
    const actor = actorWith([group]);
    const choice = () => db.issuanceChoice.findUnique({ where: { actorSub_mappingId: { actorSub: actor.sub, mappingId: m.id } } });
    const issue = (durationSeconds: number, region: string) => issueCredentials({ actor, request: { mappingId: m.id, durationSeconds, region }, context: ctx(), deps: deps() });

    await issue(3600, 'eu-west-1');
    const first = await choice();
    expect(first).toMatchObject({ durationSeconds: 3600, region: 'eu-west-1' });
    // The same again: nothing to write (the row, its time included, is as it was).
    await issue(3600, 'eu-west-1');
    expect(await choice()).toEqual(first);
    // Another region, then another duration: written each time.
    await issue(3600, 'us-east-1');
    expect(await choice()).toMatchObject({ durationSeconds: 3600, region: 'us-east-1' });
    await issue(900, 'us-east-1');
    const last = await choice();
    expect(last).toMatchObject({ durationSeconds: 900, region: 'us-east-1' });
    expect(last?.updatedAt.getTime()).toBeGreaterThanOrEqual(first?.updatedAt.getTime() ?? Infinity);
    // A refused request remembers nothing.
    await expectAppError(issue(900, 'ap-south-1'), 'invalid_input');
    expect(await choice()).toMatchObject({ durationSeconds: 900, region: 'us-east-1' });
  });

  it('refuses a mapping the person is not entitled to: 403, ISSUE_DENIED, no STS call', async () => {
    const other = await mapping(`grp-${randomUUID()}`, DEV_RO);
    const before = calls();
    const context = ctx();
    const e = await expectAppError(issueCredentials({ actor: actorWith(['engineering-x']), request: { mappingId: other.id, durationSeconds: 900, region: 'us-east-1' }, context, deps: deps() }), 'forbidden');
    expect(e.status).toBe(403);
    expect(calls()).toBe(before);
    const events = await db.auditEvent.findMany({ where: { requestId: context.requestId } });
    expect(events.map((x) => x.type)).toEqual(['ISSUE_DENIED']);
  });

  it('refuses a disabled mapping, saying so, and records ISSUE_DENIED', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, DEV_RO);
    await db.roleMapping.update({ where: { id: m.id }, data: { enabled: false } });
    const context = ctx();
    const e = await expectAppError(issueCredentials({ actor: actorWith([group]), request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context, deps: deps() }), 'forbidden');
    expect(e.message).toContain('switched this role off');
    const [denied] = await db.auditEvent.findMany({ where: { requestId: context.requestId } });
    expect(denied).toMatchObject({ type: 'ISSUE_DENIED', outcome: 'denied', mappingId: m.id });
    expect(denied?.details).toMatchObject({ reason: 'mapping disabled' });
  });

  it('tells a person signed in through the wrong IdP which sign-in the role needs', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, DEV_RO);
    await db.roleMapping.update({ where: { id: m.id }, data: { idpKind: 'SAML' } });
    const context = ctx();
    const e = await expectAppError(issueCredentials({ actor: actorWith([group]), request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context, deps: deps() }), 'forbidden');
    expect(e.message).toBe('This role needs the SAML sign-in. Sign out, then sign in with SAML to get it.');
    expect((await db.auditEvent.findFirst({ where: { requestId: context.requestId } }))?.details).toMatchObject({ reason: 'wrong sign-in' });
  });

  it('refuses a malformed mapping id as not entitled, recording it without the bad id', async () => {
    const context = ctx();
    await expectAppError(issueCredentials({ actor: actorWith(['g']), request: { mappingId: "x' OR 1=1 --", durationSeconds: 900, region: 'us-east-1' }, context, deps: deps() }), 'forbidden');
    expect(await db.auditEvent.findFirst({ where: { requestId: context.requestId } })).toMatchObject({ type: 'ISSUE_DENIED', mappingId: null });
  });

  it('audits refusals one by one up to the hourly refusal limit, then answers 429 and records the flood log-scaled', async () => {
    const actor = actorWith(['no-such-group']);
    const d = deps({ refusalLimitPerHour: 3 });
    const request = { mappingId: randomUUID(), durationSeconds: 900, region: 'us-east-1' };
    for (let i = 0; i < 3; i++) await expectAppError(issueCredentials({ actor, request, context: ctx(), deps: d }), 'forbidden');
    for (let i = 0; i < 12; i++) {
      const e = await expectAppError(issueCredentials({ actor, request, context: ctx(), deps: d }), 'rate_limited');
      expect(e.extra.retryAfterSeconds).toBeGreaterThan(0);
    }
    const events = await db.auditEvent.findMany({ where: { actorSub: actor.sub }, orderBy: { id: 'asc' } });
    // 3 refusals, then the 1st and the 10th of the flood.
    expect(events.map((x) => x.type)).toEqual(['ISSUE_DENIED', 'ISSUE_DENIED', 'ISSUE_DENIED', 'ISSUE_RATE_LIMITED', 'ISSUE_RATE_LIMITED']);
    expect(events.slice(3).map((x) => (x.details as { refusedInSlot?: number }).refusedInSlot)).toEqual([1, 10]);
  });

  it('refuses durations outside 900…max and regions outside the list with 422, recording the refusal and calling nothing', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, DEV_RO, { maxDurationSeconds: 7200 });
    const before = calls();
    for (const [durationSeconds, region] of [[899, 'us-east-1'], [7201, 'us-east-1'], [900, 'ap-south-1']] as const) {
      const context = ctx();
      const e = await expectAppError(issueCredentials({ actor: actorWith([group]), request: { mappingId: m.id, durationSeconds, region }, context, deps: deps() }), 'invalid_input');
      expect(e.status).toBe(422);
      expect(e.message).toMatch(/between 15 minutes and 120 minutes|not offered/);
      const events = await db.auditEvent.findMany({ where: { requestId: context.requestId } });
      expect(events.map((x) => [x.type, (x.details as { reason?: string }).reason])).toEqual([['ISSUE_DENIED', 'out of bounds']]);
    }
    expect(calls()).toBe(before);
  });

  it('explains AccessDenied with the trust condition the role needs, and records ISSUE_FAILED', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, 'arn:aws:iam::111122223333:role/DataScienceLegacy');
    const context = ctx();
    const e = await expectAppError(issueCredentials({ actor: actorWith([group]), request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context, deps: deps() }), 'forbidden');
    expect(e.message).toContain(`"${stack.idp.issuer.replace('http://', '')}:aud" = "keyport"`);
    const events = await db.auditEvent.findMany({ where: { requestId: context.requestId }, orderBy: { id: 'asc' } });
    expect(events.map((x) => [x.type, x.errorCode])).toEqual([
      ['ISSUE_REQUESTED', null],
      ['ISSUE_FAILED', 'AccessDenied'],
    ]);
  });

  it('refuses when the database cannot record the request, and AWS sees no call', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, DEV_RO);
    const deadDb = createPrismaClient('postgresql://postgres:x@127.0.0.1:1/none');
    const before = calls();
    const e = await expectAppError(
      issueCredentials({ actor: actorWith([group]), request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context: ctx(), deps: deps({ db: deadDb }) }),
      'unavailable',
    );
    expect(e.message).toMatch(/cannot record this request/);
    expect(calls()).toBe(before);
    await deadDb.$disconnect();
  });

  it('refuses when ISSUE_REQUESTED cannot be written even though the mapping was found (write-ahead)', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, DEV_RO);
    const before = calls();
    // A client whose audit insert fails: the entitlement and quota queries work, the write does not.
    const failingAudit = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === 'auditEvent') return { create: () => Promise.reject(new Error('disk full')), createMany: () => Promise.reject(new Error('disk full')) };
        if (prop === SQL_POOL) return { query: () => Promise.reject(new Error('disk full')) };
        return Reflect.get(target, prop, receiver);
      },
    }) as Db;
    await expectAppError(
      issueCredentials({ actor: actorWith([group]), request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context: ctx(), deps: deps({ db: failingAudit }) }),
      'unavailable',
    );
    expect(calls()).toBe(before);
  });

  it('applies the per-person rate limit with 429, a retry time and an audit event', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, DEV_RO);
    const actor = actorWith([group]);
    const d = deps({ rateLimitPerHour: 2 });
    for (let i = 0; i < 2; i++) await issueCredentials({ actor, request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context: ctx(), deps: d });
    const context = ctx();
    const e = await expectAppError(issueCredentials({ actor, request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context, deps: d }), 'rate_limited');
    expect(e.status).toBe(429);
    expect(e.extra.retryAfterSeconds).toBeGreaterThan(0);
    expect((await db.auditEvent.findMany({ where: { requestId: context.requestId } })).map((x) => x.type)).toEqual(['ISSUE_RATE_LIMITED']);
  });

  it('withholds the credentials when ISSUE_SUCCEEDED cannot be recorded (an untraceable key is worse than none)', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, DEV_RO);
    const pool = (db as unknown as Record<symbol, { query: (text: string, values?: unknown[]) => Promise<unknown> }>)[SQL_POOL];
    if (!pool) throw new Error('no pool');
    // Everything works except writing the success.
    const outcomeFails = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === SQL_POOL) {
          return {
            query: (text: string, values?: unknown[]) =>
              text.includes('INSERT INTO "audit_events"') && (values ?? []).includes('ISSUE_SUCCEEDED') ? Promise.reject(new Error('disk full')) : pool.query(text, values),
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    }) as Db;
    const context = ctx();
    const before = calls();
    const e = await expectAppError(issueCredentials({ actor: actorWith([group]), request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context, deps: deps({ db: outcomeFails }) }), 'unavailable');
    expect(e.message).toMatch(/Nothing was issued/);
    expect(JSON.stringify(e)).not.toMatch(/ASIA|secret/i);
    // AWS did issue; the intent stays open for the reconciler, which closes it as unknown.
    expect(calls()).toBe(before + 1);
    expect((await db.auditEvent.findMany({ where: { requestId: context.requestId } })).map((x) => x.type)).toEqual(['ISSUE_REQUESTED']);
  });

  it('with STS stalled, answers within the deadline and closes the intent as ISSUE_OUTCOME_UNKNOWN (never retried)', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, DEV_RO);
    const proxy = await startFaultProxy({ target: stack.aws.url, fault: 'stall' });
    try {
      const context = ctx();
      const started = Date.now();
      const e = await expectAppError(
        issueCredentials({
          actor: actorWith([group]),
          request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' },
          context,
          deps: deps({ globalStsEndpoint: proxy.url, assumeRole: (o) => assumeRoleWithWebIdentity({ ...o, timeoutMs: 1500, connectTimeoutMs: 500, backoffMs: 1 }) }),
        }),
        'upstream',
      );
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(e.message).toMatch(/cannot tell whether it issued credentials/);
      expect(proxy.received()).toBe(1);
      const events = await db.auditEvent.findMany({ where: { requestId: context.requestId }, orderBy: { id: 'asc' } });
      expect(events.map((x) => [x.type, x.outcome, x.errorCode])).toEqual([
        ['ISSUE_REQUESTED', null, null],
        ['ISSUE_OUTCOME_UNKNOWN', 'unknown', 'StsTimeout'],
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('with the answer lost after AWS issued, records ISSUE_OUTCOME_UNKNOWN, not ISSUE_FAILED, and does not retry', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, DEV_RO);
    const proxy = await startFaultProxy({ target: stack.aws.url, fault: 'reset-after-forward' });
    try {
      const context = ctx();
      const before = calls();
      await expectAppError(
        issueCredentials({
          actor: actorWith([group]),
          request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' },
          context,
          deps: deps({ globalStsEndpoint: proxy.url, assumeRole: (o) => assumeRoleWithWebIdentity({ ...o, timeoutMs: 5000, connectTimeoutMs: 500, backoffMs: 1 }) }),
        }),
        'upstream',
      );
      expect(proxy.received()).toBe(1);
      expect(proxy.forwarded()).toBe(1);
      expect(calls()).toBe(before + 1);
      const events = await db.auditEvent.findMany({ where: { requestId: context.requestId }, orderBy: { id: 'asc' } });
      expect(events.map((x) => [x.type, x.errorCode])).toEqual([
        ['ISSUE_REQUESTED', null],
        ['ISSUE_OUTCOME_UNKNOWN', 'ConnectionLost'],
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('sends the person to sign in again when the ID token cannot be renewed, before recording or calling anything', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, DEV_RO);
    const context = ctx();
    const before = calls();
    await expectAppError(
      issueCredentials({
        actor: actorWith([group]),
        request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' },
        context,
        deps: deps({ webIdentityToken: () => Promise.reject(new AppError('unauthenticated', 'sign in again', { detail: { reauth: true } })) }),
      }),
      'unauthenticated',
    );
    expect(calls()).toBe(before);
    expect(await db.auditEvent.count({ where: { requestId: context.requestId, type: 'ISSUE_REQUESTED' } })).toBe(0);
  });

  it('passes the mapping session policy to STS and reports a malformed one', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, DEV_RO, { sessionPolicy: '{"Version":"2012-10-17","Statement":[' });
    try {
      const e = await expectAppError(issueCredentials({ actor: actorWith([group]), request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context: ctx(), deps: deps() }), 'upstream');
      expect(e.message).toMatch(/malformed/);
    } finally {
      // The admin editor would never store this policy; don't leave it for other tests to meet.
      await db.roleMapping.delete({ where: { id: m.id } });
    }
  });
});
