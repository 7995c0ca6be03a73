import 'server-only';
// The person's CLI sign-ins for the Your devices page: active ones, and those ended in the last
// 30 days. Scoped to the person in the query. Never a token or a hash.
import type { Db } from '@/lib/db/create-client';

export interface CliDevice {
  id: string;
  clientName: string;
  grantType: string;
  createdAt: string;
  createdIp: string | null;
  createdUserAgent: string | null;
  lastUsedAt: string;
  lastUsedIp: string | null;
  endsAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
  active: boolean;
}

export async function listCliTokens(opts: { db: Db; personSub: string; now?: Date }): Promise<CliDevice[]> {
  const now = opts.now ?? new Date();
  const rows = await opts.db.cliToken.findMany({
    where: { userSub: opts.personSub, OR: [{ revokedAt: null, refreshExpiresAt: { gt: new Date(now.getTime() - 30 * 86400_000) } }, { revokedAt: { gt: new Date(now.getTime() - 30 * 86400_000) } }] },
    orderBy: { createdAt: 'desc' },
    take: 100,
    select: { id: true, clientName: true, grantType: true, createdAt: true, createdIp: true, createdUserAgent: true, lastUsedAt: true, lastUsedIp: true, refreshExpiresAt: true, revokedAt: true, revokedReason: true, session: { select: { revokedAt: true, expiresAt: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    clientName: r.clientName,
    grantType: r.grantType,
    createdAt: r.createdAt.toISOString(),
    createdIp: r.createdIp,
    createdUserAgent: r.createdUserAgent,
    lastUsedAt: r.lastUsedAt.toISOString(),
    lastUsedIp: r.lastUsedIp,
    endsAt: r.refreshExpiresAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? r.session.revokedAt?.toISOString() ?? null,
    revokedReason: r.revokedReason ?? (r.session.revokedAt ? 'session_ended' : null),
    active: !r.revokedAt && !r.session.revokedAt && r.refreshExpiresAt > now && r.session.expiresAt > now,
  }));
}
