import 'server-only';
// One audit event with what a reviewer needs around it: the other events of the same request
// (intent → outcome), and the mapping that matched (group, label) as it is now.
import type { Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import { auditEventSelect, toAuditEventView, type AuditEventView } from './audit-event-view';
import { buildAuditWhere, type AuditScope } from './build-audit-where';

export interface AuditEventDetail {
  event: AuditEventView;
  related: AuditEventView[];
  mapping: { id: string; idpGroup: string; roleLabel: string; accountLabel: string; enabled: boolean } | null;
  /** The groups through which the person was entitled, as recorded with the request. */
  viaGroups: string[];
}

export async function getAuditEvent(opts: { db: Db; scope: AuditScope; id: string }): Promise<AuditEventDetail> {
  // A bigint id, within PostgreSQL's int8 (a larger number would fail the query, not miss).
  if (!/^\d{1,19}$/.test(opts.id) || BigInt(opts.id) > 9223372036854775807n) throw new AppError('not_found', 'There is no such audit event.');
  const row = await opts.db.auditEvent.findFirst({
    where: { AND: [buildAuditWhere(opts.scope, {}), { id: BigInt(opts.id) }] },
    select: auditEventSelect,
  });
  if (!row) throw new AppError('not_found', 'There is no such audit event, or it is not yours to see.');
  const related = row.intentId
    ? await opts.db.auditEvent.findMany({
        where: { AND: [buildAuditWhere(opts.scope, {}), { intentId: row.intentId }] },
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
        select: auditEventSelect,
        take: 20,
      })
    : [row];
  const mapping = row.mappingId
    ? await opts.db.roleMapping.findUnique({
        where: { id: row.mappingId },
        select: { id: true, idpGroup: true, roleLabel: true, accountLabel: true, enabled: true },
      })
    : null;
  const via = related.map((r) => r.details as { viaGroups?: unknown }).find((d) => Array.isArray(d?.viaGroups))?.viaGroups;
  return {
    event: toAuditEventView(row),
    related: related.map(toAuditEventView),
    mapping,
    viaGroups: Array.isArray(via) ? via.filter((g): g is string => typeof g === 'string') : [],
  };
}
