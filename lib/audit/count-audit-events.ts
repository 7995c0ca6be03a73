import 'server-only';
// How many events a search finds: exact up to a cap, else "more than the cap". Counting every
// match of a broad search over millions of rows would cost a scan; counting at most cap + 1
// (a LIMIT inside the count) costs no more than reading that many index entries, so the page
// stays as fast as the search itself (bench/audit-search.ts).
import type { Db } from '@/lib/db/create-client';
import type { AuditFilters } from './audit-filters';
import { buildAuditBranches, type AuditScope } from './build-audit-where';
import { resolveAuditPerson } from './resolve-audit-person';

export const AUDIT_COUNT_CAP = 1000;

export interface AuditCount {
  /** Exact when `more` is false; otherwise the cap, and there are more. */
  count: number;
  more: boolean;
}

export async function countAuditEvents(opts: { db: Db; scope: AuditScope; filters: AuditFilters; cap?: number }): Promise<AuditCount> {
  const cap = Math.max(1, opts.cap ?? AUDIT_COUNT_CAP);
  const person = opts.filters.person ? await resolveAuditPerson({ db: opts.db, term: opts.filters.person }) : null;
  const branches = buildAuditBranches(opts.scope, opts.filters, undefined, person);
  let n: number;
  if (branches.length === 1) {
    n = await opts.db.auditEvent.count({ where: branches[0] ?? {}, take: cap + 1 });
  } else {
    // The branches may overlap (an event of the person that also carries the session name):
    // count the union of their ids, each branch read no further than cap + 1.
    const ids = new Set<bigint>();
    const pages = await Promise.all(branches.map((where) => opts.db.auditEvent.findMany({ where, select: { id: true }, take: cap + 1 })));
    for (const page of pages) for (const r of page) ids.add(r.id);
    n = ids.size;
  }
  return n > cap ? { count: cap, more: true } : { count: n, more: false };
}
