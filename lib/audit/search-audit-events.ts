import 'server-only';
// One page of the audit search, newest first, by keyset (no OFFSET: page 10 000 costs what page 1
// does). The scope is part of every query's where. A person filter is first resolved to subjects
// (audit_actors), then each branch of the search walks its own index in page order and the
// branches' pages are merged, so finding a person costs a page, not a scan of the table.
import type { Db } from '@/lib/db/create-client';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { auditEventSelect, toAuditEventView, type AuditEventView } from './audit-event-view';
import type { AuditFilters } from './audit-filters';
import { AUDIT_ORDER, buildAuditBranches, type AuditScope } from './build-audit-where';
import { mergeNewestFirst } from './merge-newest-first';
import { resolveAuditPerson } from './resolve-audit-person';

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
  const person = opts.filters.person ? await resolveAuditPerson({ db: opts.db, term: opts.filters.person }) : null;
  const branches = buildAuditBranches(opts.scope, opts.filters, cursor, person);
  const pages = await Promise.all(
    branches.map((where) => opts.db.auditEvent.findMany({ where, orderBy: AUDIT_ORDER, take: limit + 1, select: auditEventSelect })),
  );
  const rows = mergeNewestFirst(pages, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    events: page.map(toAuditEventView),
    nextCursor: rows.length > limit && last ? encodeAuditCursor({ occurredAt: last.occurredAt, id: last.id }) : null,
  };
}
