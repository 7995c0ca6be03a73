// 200 issuances at once against a database of their own, the sandbox IdP and the sandbox AWS:
// the audit chain stays one intact chain, and every request has exactly one outcome event.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { issueCredentials, type IssueDeps } from '@/lib/issuance/issue-credentials';
import { createLogger } from '@/lib/log/logger';
import { assumeRoleWithWebIdentity } from '@/lib/sts/assume-role-with-web-identity';
import { startSandboxStack, type SandboxStack } from '@/test/sandbox-stack';
import { createTestDatabase, type TestDatabase } from './test-database';
import { verifyAuditChain } from './verify-audit-chain';

let stack: SandboxStack;
let tdb: TestDatabase;
let db: Db;
const logLines: string[] = [];

beforeAll(async () => {
  stack = await startSandboxStack();
  tdb = await createTestDatabase(inject('adminDatabaseUrl'), 'concurrent');
  // Under a burst of 200 on a loaded CI machine some requests may wait for one of the pooled
  // connections longer than the app's 5 s default. This test is about the chain and the
  // outcomes, not that timeout, so it is patient.
  db = createPrismaClient(tdb.url, { max: 40, connectionTimeoutMillis: 120_000 });
});
afterAll(async () => {
  await db?.$disconnect();
  await tdb?.drop();
  await stack?.close();
});

describe('concurrent issuance', () => {
  it('200 concurrent issuances leave an intact chain and exactly one outcome per request', async () => {
    const group = `grp-${randomUUID()}`;
    const m = await db.roleMapping.create({
      data: {
        idpGroup: group,
        roleArn: 'arn:aws:iam::111122223333:role/DevReadOnly',
        accountId: '111122223333',
        accountLabel: 'test',
        roleLabel: 'Test role',
        stsRegion: 'us-east-1',
        allowedRegions: ['us-east-1'],
        createdBy: 'test',
        updatedBy: 'test',
      },
    });
    const token = await stack.tokenFor('alice');
    const deps: IssueDeps = {
      db,
      log: createLogger({ level: 'error', write: (l) => logLines.push(l) }),
      issuer: stack.idp.issuer,
      clientId: stack.clientId,
      globalStsEndpoint: stack.aws.url,
      rateLimitPerHour: 10_000,
      refusalLimitPerHour: 1000,
      supportContact: 'the platform team',
      webIdentityToken: () => Promise.resolve(token),
      assumeRole: (o) => assumeRoleWithWebIdentity({ ...o, backoffMs: 5 }),
    };
    const N = 200;
    const results = await Promise.allSettled(
      Array.from({ length: N }, (_, i) => {
        const actor: Actor = { sessionId: 's', sub: `sub-${i}-${group}`, idpKind: 'OIDC', email: 'alice@example.com', name: 'Alice', username: 'alice', groups: [group], roles: ['employee'], idTokenExpiresAt: null, emailVerified: true };
        return issueCredentials({ actor, request: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, context: { requestId: `req-${i}`, sourceIp: '203.0.113.9', userAgent: 'vitest' }, deps });
      }),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed.map((f) => String((f as PromiseRejectedResult).reason)), logLines.slice(0, 3).join('\n')).toEqual([]);

    const requested = await db.auditEvent.findMany({ where: { type: 'ISSUE_REQUESTED' }, select: { intentId: true, requestId: true } });
    expect(requested).toHaveLength(N);
    const outcomes = await db.auditEvent.groupBy({ by: ['intentId'], where: { type: { in: ['ISSUE_SUCCEEDED', 'ISSUE_FAILED', 'ISSUE_OUTCOME_UNKNOWN'] } }, _count: { _all: true } });
    expect(outcomes).toHaveLength(N);
    expect(outcomes.every((o) => o._count._all === 1)).toBe(true);
    expect(new Set(outcomes.map((o) => o.intentId))).toEqual(new Set(requested.map((r) => r.intentId)));

    const report = await verifyAuditChain({ db, batchSize: 97 });
    expect(report).toMatchObject({ ok: true, checked: 2 * N, headSeq: String(2 * N) });
    const seqs = await tdb.query<{ n: string; distinct_seq: string; max: string }>('SELECT count(*)::text AS n, count(DISTINCT seq)::text AS distinct_seq, max(seq)::text AS max FROM audit_events');
    expect(seqs[0]).toEqual({ n: String(2 * N), distinct_seq: String(2 * N), max: String(2 * N) });
  });
});
