import 'server-only';
// The people Keyport has seen recently, each with the groups and IdP kind of their latest audit
// event: who a mapping change would affect. Read from the audit log (actor_groups/actor_email),
// so nobody needs to be looked up in the IdP.
import type { Db } from '@/lib/db/create-client';
import type { SeenPerson } from './diff-access';

export const SEEN_WINDOW_DAYS = 90;
const MAX_PEOPLE = 1000;

export async function listPeopleSeen(opts: { db: Db; now?: Date }): Promise<SeenPerson[]> {
  const since = new Date((opts.now ?? new Date()).getTime() - SEEN_WINDOW_DAYS * 86400_000);
  const rows = await opts.db.$queryRaw<Array<{ actor_sub: string; actor_email: string | null; actor_name: string | null; actor_groups: string[] | null; idp_kind: string | null; occurred_at: Date }>>`
    SELECT * FROM (
      SELECT DISTINCT ON (actor_sub) actor_sub, actor_email, actor_name, actor_groups, idp_kind, occurred_at
      FROM audit_events
      WHERE actor_sub IS NOT NULL AND occurred_at >= ${since}
      ORDER BY actor_sub, occurred_at DESC
    ) latest
    ORDER BY occurred_at DESC
    LIMIT ${MAX_PEOPLE}`;
  return rows.map((r) => ({
    sub: r.actor_sub,
    email: r.actor_email,
    name: r.actor_name,
    groups: r.actor_groups ?? [],
    idpKind: r.idp_kind === 'SAML' ? 'SAML' : 'OIDC',
    lastSeenAt: r.occurred_at.toISOString(),
  }));
}
