// The metrics an issuance leaves, read back as Prometheus text: counted by outcome, federation and
// mapping, STS latency and error codes, audit append latency, rate-limit refusals, pool use — and
// nothing secret in any label or value.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { createLogger } from '@/lib/log/logger';
import { issueCredentials, type IssueDeps } from '@/lib/issuance/issue-credentials';
import { assumeRoleWithWebIdentity } from '@/lib/sts/assume-role-with-web-identity';
import { startSandboxStack, type SandboxStack } from '@/test/sandbox-stack';
import { setAuditSinkLag } from './observe';
import { renderMetrics } from './render-metrics';

let stack: SandboxStack;
let db: Db;
const log = createLogger({ level: 'error', write: () => undefined });

beforeAll(async () => {
  stack = await startSandboxStack();
  db = createPrismaClient(inject('databaseUrl'));
});
afterAll(async () => {
  await db?.$disconnect();
  await stack?.close();
});

const actorWith = (groups: string[]): Actor => ({ sessionId: 's', sub: `sub-${randomUUID()}`, idpKind: 'OIDC', email: 'alice@example.com', name: 'Alice', username: 'alice', groups, roles: ['employee'], idTokenExpiresAt: null, emailVerified: true });

async function mapping(group: string, roleArn: string) {
  return db.roleMapping.create({
    data: { idpGroup: group, roleArn, accountId: roleArn.split(':')[4] ?? '', accountLabel: 'test', roleLabel: 'Test', maxDurationSeconds: 3600, stsRegion: 'us-east-1', allowedRegions: ['us-east-1'], createdBy: 'test', updatedBy: 'test' },
  });
}

const deps = (over: Partial<IssueDeps> = {}): IssueDeps => ({
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
});

const ctx = () => ({ requestId: randomUUID(), sourceIp: null, userAgent: null });

/** The value of one sample line, e.g. `keyport_issuances_total{outcome="success",...}`; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',');
    if (want.every((w) => have.includes(w))) return Number(m[3]);
  }
  return 0;
}

describe('issuance metrics', () => {
  it('counts a success with its mapping, times the STS call and the audit appends, and holds no secret', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, 'arn:aws:iam::111122223333:role/DevReadOnly');
    const before = (await renderMetrics(db)).body;
    const issued = await issueCredentials({ actor: actorWith([group]), request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context: ctx(), deps: deps() });
    const { body, contentType } = await renderMetrics(db);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(body, 'keyport_issuances_total', { outcome: 'success', federation: 'oidc', mapping: m.id })).toBe(1);
    expect(sample(body, 'keyport_sts_call_duration_seconds_count', { federation: 'oidc', result: 'ok' }) - sample(before, 'keyport_sts_call_duration_seconds_count', { federation: 'oidc', result: 'ok' })).toBe(1);
    // ISSUE_REQUESTED and ISSUE_SUCCEEDED.
    expect(sample(body, 'keyport_audit_append_duration_seconds_count', { result: 'ok' }) - sample(before, 'keyport_audit_append_duration_seconds_count', { result: 'ok' })).toBe(2);
    expect(sample(body, 'keyport_issuance_duration_seconds_count', { outcome: 'success', federation: 'oidc' })).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'keyport_db_pool_max', {})).toBe(10);
    expect(sample(body, 'keyport_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(body).not.toContain(issued.credentials.secretAccessKey);
    expect(body).not.toContain(issued.credentials.sessionToken.slice(0, 40));
    expect(body).not.toContain(issued.credentials.accessKeyId);
  });

  it('counts an STS refusal by its AWS error code', async () => {
    const group = `grp-${randomUUID()}`;
    // The sandbox AWS refuses a role whose trust policy does not name the IdP.
    const m = await mapping(group, 'arn:aws:iam::111122223333:role/NoSuchRole');
    const before = (await renderMetrics(db)).body;
    await expect(issueCredentials({ actor: actorWith([group]), request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context: ctx(), deps: deps() })).rejects.toThrow();
    const { body } = await renderMetrics(db);
    expect(sample(body, 'keyport_issuances_total', { outcome: 'sts_refused', federation: 'oidc', mapping: m.id })).toBe(1);
    const code = body.split('\n').find((l) => l.startsWith('keyport_sts_errors_total{') && !before.includes(l));
    expect(code).toMatch(/^keyport_sts_errors_total\{code="[A-Za-z]+",federation="oidc"\} \d+$/);
  });

  it('counts a refusal for a mapping not granted under "none", never under the id the client sent', async () => {
    const madeUp = randomUUID();
    await expect(issueCredentials({ actor: actorWith([`grp-${randomUUID()}`]), request: { mappingId: madeUp, durationSeconds: 900, region: 'us-east-1' }, context: ctx(), deps: deps() })).rejects.toThrow();
    const { body } = await renderMetrics(db);
    expect(body).not.toContain(madeUp);
    expect(sample(body, 'keyport_issuances_total', { outcome: 'denied', federation: 'oidc', mapping: 'none' })).toBeGreaterThanOrEqual(1);
  });

  it('counts rate-limit refusals', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await mapping(group, 'arn:aws:iam::111122223333:role/DevReadOnly');
    const actor = actorWith([group]);
    const before = sample((await renderMetrics(db)).body, 'keyport_rate_limit_refusals_total', { federation: 'oidc' });
    await issueCredentials({ actor, request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context: ctx(), deps: deps({ rateLimitPerHour: 1 }) });
    await expect(issueCredentials({ actor, request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context: ctx(), deps: deps({ rateLimitPerHour: 1 }) })).rejects.toThrow(/times in the last hour/);
    const { body } = await renderMetrics(db);
    expect(sample(body, 'keyport_rate_limit_refusals_total', { federation: 'oidc' })).toBe(before + 1);
    expect(sample(body, 'keyport_issuances_total', { outcome: 'rate_limited', federation: 'oidc', mapping: m.id })).toBe(1);
  });

  it('reports the audit sink lag it is given', async () => {
    setAuditSinkLag('syslog', 2.5);
    expect(sample((await renderMetrics(db)).body, 'keyport_audit_sink_lag_seconds', { sink: 'syslog' })).toBe(2.5);
  });
});
