// "Test this mapping" against sandbox AWS (which evaluates trust policies as IAM does): a role
// that trusts Keyport answers "trusted", one that does not answers AccessDenied with the fix; the
// session AWS made can do nothing (deny-all session policy) and is never handed out; both steps
// are audited, with the AccessKeyId only.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import type { IssueDeps } from '@/lib/issuance/issue-credentials';
import { createLogger } from '@/lib/log/logger';
import { assumeRoleWithWebIdentity } from '@/lib/sts/assume-role-with-web-identity';
import { startSandboxStack, type SandboxStack } from '@/test/sandbox-stack';
import { testMapping } from './test-mapping';

let stack: SandboxStack;
let db: Db;
const log = createLogger({ level: 'error', write: () => undefined });
/** What Keyport sent STS, and what STS answered (the test sees it; Keyport drops it). */
const calls: Array<{ sessionPolicy: string | null | undefined; durationSeconds: number; roleSessionName: string; accessKeyId: string | null; secret: string | null }> = [];

beforeAll(async () => {
  stack = await startSandboxStack();
  db = createPrismaClient(inject('databaseUrl'));
});
afterAll(async () => {
  await db?.$disconnect();
  await stack?.close();
});

const admin: Actor = { sessionId: 's', sub: `sub-adam-${randomUUID()}`, idpKind: 'OIDC', email: 'adam@example.com', name: 'Adam', username: 'adam', groups: ['keyport-admins'], roles: ['employee', 'admin'], idTokenExpiresAt: null, emailVerified: true };

function deps(): IssueDeps {
  return {
    db, log, federationMode: 'broker',
    broker: { issuer: stack.broker.url, audience: 'sts.amazonaws.com', keys: () => Promise.resolve(stack.broker.keys()) },
    issuer: stack.idp.issuer, clientId: stack.clientId, globalStsEndpoint: stack.aws.url, rateLimitPerHour: 1000, refusalLimitPerHour: 1000, supportContact: 'x',
    webIdentityToken: () => stack.tokenFor('adam'),
    assumeRole: async (o) => {
      const r = await assumeRoleWithWebIdentity({ ...o, backoffMs: 1 });
      calls.push({ sessionPolicy: o.sessionPolicy, durationSeconds: o.durationSeconds, roleSessionName: o.roleSessionName, accessKeyId: r.ok ? r.credentials.accessKeyId : null, secret: r.ok ? r.credentials.secretAccessKey : null });
      return r;
    },
  };
}

async function mapping(roleArn: string, federationMode: 'broker' | 'passthrough' | 'broker-saml' | null, idpKind: 'OIDC' | 'SAML' = 'OIDC') {
  return db.roleMapping.create({
    data: {
      idpGroup: `test-${randomUUID()}`, idpKind, roleArn, accountId: roleArn.split(':')[4] ?? '', accountLabel: 'sandbox-dev', roleLabel: 'T',
      maxDurationSeconds: 3600, stsRegion: 'us-east-1', allowedRegions: ['us-east-1'], federationMode, createdBy: 't', updatedBy: 't',
      ...(idpKind === 'SAML' ? { samlProviderArn: 'arn:aws:iam::111122223333:saml-provider/KeyportSandboxSaml' } : {}),
    },
  });
}

const run = (mappingId: string) => testMapping({ actor: admin, mappingId, requestId: randomUUID(), sourceIp: '203.0.113.9', userAgent: 'vitest', deps: deps() });

describe('testMapping', () => {
  it('a broker role that trusts Keyport: trusted, with a session that denies everything, never handed out', async () => {
    const m = await mapping('arn:aws:iam::444455556666:role/ProdReadOnly', null);
    const result = await run(m.id);
    expect(result).toMatchObject({ outcome: 'trusted', mode: 'broker', assumedRoleArn: 'arn:aws:sts::444455556666:assumed-role/ProdReadOnly/test=adam@example.com' });
    expect(JSON.stringify(result)).not.toMatch(/ASIA|secret/i);
    const call = calls.at(-1);
    expect(call).toMatchObject({ durationSeconds: 900, roleSessionName: 'test=adam@example.com' });
    expect(JSON.parse(call?.sessionPolicy ?? '{}')).toMatchObject({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] });
    const events = await db.auditEvent.findMany({ where: { type: 'MAPPING_TESTED', mappingId: m.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.outcome, (e.details as { phase: string }).phase])).toEqual([
      [null, 'requested'],
      ['success', 'answered'],
    ]);
    expect(events[1]).toMatchObject({ accessKeyId: call?.accessKeyId, actorSub: admin.sub, sessionName: 'test=adam@example.com' });
    expect(events[0]?.intentId).toBe(events[1]?.intentId);
    // The secret AWS returned is nowhere in the audit.
    const rows = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM audit_events WHERE mapping_id = ${m.id}::uuid AND row_to_json(audit_events)::text LIKE ${`%${call?.secret ?? 'x'}%`}`;
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('a role whose trust policy does not admit Keyport: refused, with AWS’s code and the trust it needs', async () => {
    // DataScienceLegacy trusts an IdP audience Keyport never sends (the sandbox's misconfigured role).
    const m = await mapping('arn:aws:iam::111122223333:role/DataScienceLegacy', 'passthrough');
    const result = await run(m.id);
    expect(result).toMatchObject({ outcome: 'refused', mode: 'passthrough', code: 'AccessDenied' });
    expect(result.outcome === 'refused' && result.message).toMatch(/trust policy/);
    const events = await db.auditEvent.findMany({ where: { type: 'MAPPING_TESTED', mappingId: m.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.outcome)).toEqual([null, 'failure']);
    expect(events[1]?.errorCode).toBe('AccessDenied');
  });

  it('a broker-mode mapping on a role that trusts only the IdP: refused (the subject pattern is what AWS checks)', async () => {
    const m = await mapping('arn:aws:iam::111122223333:role/DevReadOnly', 'broker');
    const result = await run(m.id);
    expect(result.outcome).toBe('refused');
  });

  it('does not test what it cannot: SAML mappings, and says why; nothing is sent or audited', async () => {
    const before = calls.length;
    const m = await mapping('arn:aws:iam::111122223333:role/SamlDeveloper', 'passthrough', 'SAML');
    expect(await run(m.id)).toMatchObject({ outcome: 'not_tested', mode: 'passthrough' });
    expect(calls.length).toBe(before);
    expect(await db.auditEvent.count({ where: { type: 'MAPPING_TESTED', mappingId: m.id } })).toBe(0);
  });

  it('refuses an unknown mapping', async () => {
    await expect(run(randomUUID())).rejects.toMatchObject({ code: 'not_found' });
  });
});
