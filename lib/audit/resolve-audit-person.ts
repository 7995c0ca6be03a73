import 'server-only';
// Resolves the audit search's person term to subjects, on the small audit_actors table (kept by
// the database from every audit insert) rather than on millions of events: the exact subject,
// the e-mail (case-insensitive) or part of the name. The session name is matched on the events
// themselves (buildAuditBranches).
import type { Db } from '@/lib/db/create-client';
import type { AuditPersonMatch } from './build-audit-where';

/** More subjects than this and the term is too broad to list them (see AuditPersonMatch). */
export const MAX_LISTED_SUBJECTS = 1000;

/** `term` as a literal inside a LIKE pattern: %, _ and the escape character match themselves. */
export function likeLiteral(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function resolveAuditPerson(opts: { db: Db; term: string }): Promise<AuditPersonMatch> {
  const rows = await opts.db.$queryRaw<{ sub: string }[]>`
    SELECT DISTINCT sub FROM audit_actors
     WHERE sub = ${opts.term} OR email = lower(${opts.term}) OR name ILIKE '%' || ${likeLiteral(opts.term)} || '%'
     LIMIT ${MAX_LISTED_SUBJECTS + 1}`;
  if (rows.length > MAX_LISTED_SUBJECTS) return null;
  return { subjects: rows.map((r) => r.sub) };
}
