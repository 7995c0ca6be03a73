// What /api/ready adds about the audit (issue #13): whether the portal's database role could
// change the audit (one role for migrations and the portal: the weaker setup), and how far each
// audit sink is behind. Neither makes the instance unready — AUDIT_SINK_REQUIRED refuses issuance
// itself — but both turn the status to "degraded" with the reason.
import type { AuditSettings } from '@/lib/config/audit-settings';
import { sqlPool } from '@/lib/db/create-client';
import { readSinkStatus, type SinkStatus } from './sinks/sink-status';

export interface AuditReadiness {
  databaseRoles: 'separate' | 'shared';
  /** Without the sinks' last error text: the endpoint is public; the logs have it. */
  auditSinks: (Omit<SinkStatus, 'lastError'> & { required: boolean })[];
  warnings: string[];
}

export async function auditReadiness(db: object, settings: AuditSettings): Promise<AuditReadiness> {
  const pool = sqlPool(db);
  const { rows } = await pool.query<{ unsafe: boolean }>(
    `SELECT (r.rolsuper OR pg_get_userbyid(c.relowner) = current_user
             OR has_table_privilege('audit_events', 'UPDATE') OR has_table_privilege('audit_events', 'DELETE')
             OR has_table_privilege('audit_events', 'TRUNCATE')) AS unsafe
       FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'audit_events'::regclass`,
  );
  const warnings: string[] = [];
  const shared = rows[0]?.unsafe !== false;
  if (shared) {
    warnings.push('the portal runs as a database role that owns or may change the audit (one role for migrations and the portal): give DATABASE_URL a runtime role and DATABASE_MIGRATION_URL the owner (docs/database-roles.md)');
  }
  const sinks = await readSinkStatus(pool, settings.sinks.map((s) => s.kind), settings.sinkMaxLagMs);
  for (const s of sinks) {
    if (s.overBound) warnings.push(`audit sink "${s.sink}" is ${Math.round(s.lagSeconds)} s behind${s.failingSince ? ` and failing since ${s.failingSince}` : ''}${settings.sinkRequired ? ': issuance is refused until it catches up (AUDIT_SINK_REQUIRED)' : ''}`);
  }
  return { databaseRoles: shared ? 'shared' : 'separate', auditSinks: sinks.map(({ lastError: _omitted, ...s }) => ({ ...s, required: settings.sinkRequired })), warnings };
}
