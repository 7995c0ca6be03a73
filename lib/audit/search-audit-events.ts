import 'server-only';
// One page of the audit search, newest first, by keyset (no OFFSET: page 10 000 costs what page 1
// does). The scope is part of the query's where.
import type { Db } from '@/lib/db/create-client';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { auditEventSelect, toAuditEventView, type AuditEventView } from './audit-event-view';
import type { AuditFilters } from './audit-filters';
import { AUDIT_ORDER, buildAuditWhere, type AuditScope } from './build-audit-where';

export const AUDIT_PAGE_SIZE = 50;

export async function searchAuditEvents(opts: {
  db: Db;
  scope: AuditScope;
  filters: AuditFilters;
  cursor?: string;
  limit?: number;
}): Promise<{ events: AuditEventView[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(opts.limit ?? AUDIT_PAGE_SIZE, 1), 500);
  const cursor = opts.cursor ? decodeAuditCursor(opts.cursor) : undefined;
  const rows = await opts.db.auditEvent.findMany({
    where: buildAuditWhere(opts.scope, opts.filters, cursor),
    orderBy: AUDIT_ORDER,
    take: limit + 1,
    select: auditEventSelect,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    events: page.map(toAuditEventView),
    nextCursor: rows.length > limit && last ? encodeAuditCursor({ occurredAt: last.occurredAt, id: last.id }) : null,
  };
}
