import 'server-only';
// The People view: everyone the audit has seen (audit_actors, kept by the database from every
// event), searchable by subject, e-mail or part of the name, each with their live credentials per
// role (lib/revocation/live-credentials.ts — from the audit, never from secrets) and the person
// revocation in force, if any. Newest seen first, a page at a time.
import type { Db } from '@/lib/db/create-client';
import { likeLiteral } from '@/lib/audit/resolve-audit-person';
import { countByRole, readLiveCredentials } from '@/lib/revocation/live-credentials';

export const PEOPLE_PAGE_SIZE = 50;

export interface PersonView {
  sub: string;
  email: string | null;
  name: string | null;
  lastSeenAt: string;
  /** Live AWS sessions per role, with the latest expiry. */
  live: { roleArn: string; sessions: number; expiresAt: string }[];
  revocation: { id: string; createdAt: string; createdByName: string; reason: string } | null;
}

export async function listPeople(opts: { db: Db; term?: string; now?: Date; limit?: number }): Promise<{ people: PersonView[]; more: boolean }> {
  const now = opts.now ?? new Date();
  const limit = Math.min(Math.max(opts.limit ?? PEOPLE_PAGE_SIZE, 1), 200);
  const term = opts.term?.trim() ?? '';
  // One row per subject: its most recently seen e-mail and name.
  const rows = await opts.db.$queryRaw<{ sub: string; email: string; name: string; last_seen_at: Date }[]>`
    SELECT DISTINCT ON (sub) sub, email, name, last_seen_at FROM (
      SELECT sub, email, name, last_seen_at FROM audit_actors
       WHERE ${term} = '' OR sub = ${term} OR email LIKE '%' || lower(${likeLiteral(term)}) || '%' OR name ILIKE '%' || ${likeLiteral(term)} || '%'
    ) matched
    ORDER BY sub, last_seen_at DESC`;
  rows.sort((a, b) => b.last_seen_at.getTime() - a.last_seen_at.getTime() || (a.sub < b.sub ? -1 : 1));
  const page = rows.slice(0, limit);
  const subs = page.map((r) => r.sub);
  const live = await readLiveCredentials(opts.db, subs, now);
  const revocations = subs.length === 0 ? [] : await opts.db.revocation.findMany({
    where: { kind: 'PERSON', liftedAt: null, personSub: { in: subs } },
    select: { id: true, personSub: true, createdAt: true, createdByName: true, reason: true },
    orderBy: { createdAt: 'desc' },
  });
  const people = page.map((r): PersonView => {
    const mine = live.filter((c) => c.actorSub === r.sub);
    const rev = revocations.find((x) => x.personSub === r.sub);
    return {
      sub: r.sub,
      email: r.email || null,
      name: r.name || null,
      lastSeenAt: r.last_seen_at.toISOString(),
      live: countByRole(mine).map((c) => ({
        ...c,
        expiresAt: new Date(Math.max(...mine.filter((m) => m.roleArn === c.roleArn).map((m) => m.expiresAt.getTime()))).toISOString(),
      })),
      revocation: rev ? { id: rev.id, createdAt: rev.createdAt.toISOString(), createdByName: rev.createdByName, reason: rev.reason } : null,
    };
  });
  return { people, more: rows.length > limit };
}
