// Turns a scope, filters and a page cursor into one Prisma `where` (buildAuditWhere), or into
// branches that the search runs and merges (buildAuditBranches). Pure. The scope comes first and is
// always present: an employee's query carries their own subject whatever the filters say.
import type { Prisma } from '@/lib/db/generated/client';
import type { AuditCursor } from './audit-cursor';
import type { AuditFilters } from './audit-filters';
import { FAILURE_OUTCOMES } from './event-labels';

/** Whose events a reader may see: everyone's (audit:read) or only their own (own-history:read). */
export type AuditScope = { kind: 'everyone' } | { kind: 'own'; actorSub: string };

/**
 * One where for the whole search. Its person match tests every event (subject, e-mail, session name,
 * part of the name), which no index serves: fine for a narrow search, a scan of the table otherwise.
 * The search resolves the person first (buildAuditBranches).
 */
export function buildAuditWhere(scope: AuditScope, f: AuditFilters, cursor?: AuditCursor): Prisma.AuditEventWhereInput {
  return { AND: auditConditions(scope, f, cursor) };
}

function auditConditions(scope: AuditScope, f: AuditFilters, cursor?: AuditCursor): Prisma.AuditEventWhereInput[] {
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
  if (f.failuresOnly) and.push({ outcome: { in: [...FAILURE_OUTCOMES] } });
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
  return and;
}

/**
 * The person filter resolved against audit_actors (resolveAuditPerson): the subjects whose
 * subject, e-mail (case-insensitive) or name matched the term. `null`: too many matched to list
 * (a term such as "a"); the search then tests every event instead, which for so broad a term finds
 * a page quickly anyway.
 */
export type AuditPersonMatch = { subjects: string[] } | null;

/** Up to this many subjects, each gets its own branch: an ordered walk of (actor_sub, occurred_at). */
export const PER_SUBJECT_BRANCHES = 8;

/**
 * The same search as buildAuditWhere, as branches whose union is the result: run each with
 * AUDIT_ORDER and the page's `take`, then merge (mergeNewestFirst). A person filter becomes
 * "one of these subjects" or "this session name" — the session name stays a condition on the event,
 * since an event may carry a session name that is not its actor's (a revocation names the revoked
 * person's session, its actor is the admin; an event without actor_sub). Each branch can then be
 * answered by walking one index in page order and stop after a page, which an OR cannot.
 */
export function buildAuditBranches(scope: AuditScope, f: AuditFilters, cursor: AuditCursor | undefined, person: AuditPersonMatch): Prisma.AuditEventWhereInput[] {
  const { person: term, ...rest } = f;
  if (!term) return [buildAuditWhere(scope, f, cursor)];
  if (person === null) return [buildAuditWhere(scope, f, cursor)];
  const base = auditConditions(scope, rest, cursor);
  // An employee sees only their own events: other subjects would only add empty branches.
  const subjects = scope.kind === 'own' ? person.subjects.filter((s) => s === scope.actorSub) : [...new Set(person.subjects)];
  const bySubject: Prisma.AuditEventWhereInput[] =
    subjects.length === 0 ? [] : subjects.length <= PER_SUBJECT_BRANCHES ? subjects.map((s) => ({ actorSub: s })) : [{ actorSub: { in: subjects } }];
  return [{ sessionName: term }, ...bySubject].map((c) => ({ AND: [...base, c] }));
}

/** Newest first; id breaks ties within one millisecond. */
export const AUDIT_ORDER: Prisma.AuditEventOrderByWithRelationInput[] = [{ occurredAt: 'desc' }, { id: 'desc' }];
