// Turns a scope, filters and a page cursor into one Prisma `where`. Pure. The scope comes first
// and is always present: an employee's query carries their own subject whatever the filters say.
import type { Prisma } from '@/lib/db/generated/client';
import type { AuditCursor } from './audit-cursor';
import type { AuditFilters } from './audit-filters';

/** Whose events a reader may see: everyone's (audit:read) or only their own (own-history:read). */
export type AuditScope = { kind: 'everyone' } | { kind: 'own'; actorSub: string };

export function buildAuditWhere(scope: AuditScope, f: AuditFilters, cursor?: AuditCursor): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (scope.kind === 'own') {
    if (!scope.actorSub) throw new Error('an own-history scope needs the subject');
    and.push({ actorSub: scope.actorSub });
  }
  if (f.person) {
    and.push({
      OR: [
        { actorSub: f.person },
        { actorEmail: { equals: f.person, mode: 'insensitive' } },
        { sessionName: f.person },
        { actorName: { contains: f.person, mode: 'insensitive' } },
      ],
    });
  }
  if (f.group) and.push({ actorGroups: { has: f.group } });
  if (f.roleArn) and.push({ roleArn: f.roleArn });
  if (f.accountId) and.push({ accountId: f.accountId });
  if (f.types && f.types.length > 0) and.push({ type: { in: f.types } });
  if (f.outcome) and.push({ outcome: f.outcome });
  if (f.sourceIp) and.push({ sourceIp: f.sourceIp });
  if (f.from) and.push({ occurredAt: { gte: f.from } });
  if (f.to) and.push({ occurredAt: { lt: f.to } });
  if (f.accessKeyId) and.push({ accessKeyId: f.accessKeyId });
  if (cursor) {
    // (occurredAt, id) < cursor. The redundant `lte` gives the planner an index range to start
    // from, so page 10 000 costs what page 1 does.
    and.push({ occurredAt: { lte: cursor.occurredAt } });
    and.push({ OR: [{ occurredAt: { lt: cursor.occurredAt } }, { occurredAt: cursor.occurredAt, id: { lt: cursor.id } }] });
  }
  return { AND: and };
}

/** Newest first; id breaks ties within one millisecond. */
export const AUDIT_ORDER: Prisma.AuditEventOrderByWithRelationInput[] = [{ occurredAt: 'desc' }, { id: 'desc' }];
