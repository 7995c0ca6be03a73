// A malformed id in a URL or body is a 404 (or 422), never a database error: audit events,
// mappings and revocations, each with the forms that used to reach PostgreSQL.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import { createLogger } from '@/lib/log/logger';
import { getMapping } from '@/lib/mappings/get-mapping';
import { setMappingEnabled } from '@/lib/mappings/set-mapping-enabled';
import { liftRevocation } from '@/lib/revocation/lift-revocation';
import { getAuditEvent } from './get-audit-event';

let db: Db;
beforeAll(() => {
  db = createPrismaClient(inject('databaseUrl'));
});
afterAll(async () => {
  await db?.$disconnect();
});

const reviewer: Actor = { sessionId: 's', sub: 'sub-r', idpKind: 'OIDC', email: 'r@example.com', emailVerified: true, name: 'R', username: 'r', groups: [], roles: ['employee', 'auditor', 'admin'], idTokenExpiresAt: null };
const BAD = ['9223372036854775808', '99999999999999999999', '-1', '1.5', 'abc', "1' OR '1'='1", '%00', '\u0000', '', ' 1', '0x10', 'ffffffff-ffff-ffff-ffff-fffffffffffff'];

async function status(p: Promise<unknown>): Promise<number> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e.status;
}

describe('malformed ids', () => {
  it.each(BAD)('audit event %j → 404', async (id) => {
    expect(await status(getAuditEvent({ db, scope: { kind: 'everyone' }, id }))).toBe(404);
  });
  it.each(BAD)('mapping %j → 404', async (id) => {
    expect(await status(getMapping({ db, id }))).toBe(404);
    expect(await status(setMappingEnabled({ db, actor: reviewer, id, enabled: false, requestId: 'r' }))).toBe(404);
  });
  it.each(BAD)('revocation %j → 404', async (id) => {
    const deps = { db, log: createLogger({ level: 'error', write: () => undefined }), iam: { putRolePolicy: async () => undefined, deleteRolePolicy: async () => 'absent' as const } };
    expect(await status(liftRevocation({ actor: reviewer, revocationId: id, reason: 'because', context: { requestId: 'r', sourceIp: null, userAgent: null }, deps }))).toBe(404);
  });
});
