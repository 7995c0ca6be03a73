// What /api/ready reports about the audit: the weaker one-role setup, and sinks behind the bound.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseAuditSettings } from '@/lib/config/audit-settings';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { auditReadiness } from './audit-readiness';
import { createTestDatabase } from './test-database';

let runtime: Db;
let owner: Db;
beforeAll(() => {
  runtime = createPrismaClient(inject('databaseUrl'), { max: 2 });
  owner = createPrismaClient(inject('migrationDatabaseUrl'), { max: 2 });
});
afterAll(async () => {
  await runtime?.$disconnect();
  await owner?.$disconnect();
});

describe('auditReadiness', () => {
  it('separate roles and no sink: nothing to warn about', async () => {
    expect(await auditReadiness(runtime, parseAuditSettings({}))).toEqual({ databaseRoles: 'separate', auditSinks: [], warnings: [] });
  });

  it('the portal connected as the owner: the weaker setup, named with what to do', async () => {
    const r = await auditReadiness(owner, parseAuditSettings({}));
    expect(r.databaseRoles).toBe('shared');
    expect(r.warnings[0]).toMatch(/owns or may change the audit .* DATABASE_MIGRATION_URL/);
  });

  it('a sink that never delivered, with events older than the bound: behind, without its error text', async () => {
    // A database of its own: the first undelivered event (in chain order) is this two-minute-old one.
    const tdb = await createTestDatabase(inject('adminDatabaseUrl'), 'readiness');
    const db = createPrismaClient(tdb.url, { max: 2 });
    await db.auditEvent.create({ data: { type: 'AUDIT_VERIFIED', occurredAt: new Date(Date.now() - 120_000) } });
    const settings = parseAuditSettings({ AUDIT_SINKS: 'syslog', AUDIT_SINK_SYSLOG_URL: 'tcp://127.0.0.1:9', AUDIT_SINK_MAX_LAG_SECONDS: '60', AUDIT_SINK_REQUIRED: 'true' });
    const r = await auditReadiness(db, settings).finally(async () => {
      await db.$disconnect();
      await tdb.drop();
    });
    expect(r.auditSinks).toHaveLength(1);
    expect(r.auditSinks[0]).toMatchObject({ sink: 'syslog', overBound: true, required: true });
    expect(r.auditSinks[0]).not.toHaveProperty('lastError');
    expect(r.warnings.join(' ')).toMatch(/audit sink "syslog" is \d+ s behind: issuance is refused until it catches up/);
  });
});
