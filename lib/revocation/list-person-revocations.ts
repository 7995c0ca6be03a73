// The revocations of one person (in force and lifted), for their own history page: a revoked
// person signing in again learns why Keyport refuses them. Matched as the issuance block is.
import type { Db } from '@/lib/db/create-client';

export interface OwnRevocation {
  id: string;
  reason: string;
  createdAt: string;
  createdByName: string;
  liftedAt: string | null;
  liftedByName: string | null;
  liftReason: string | null;
}

export async function listPersonRevocations(db: Db, person: { sub: string; email: string | null }): Promise<OwnRevocation[]> {
  const email = person.email?.toLowerCase() ?? null;
  const rows = await db.revocation.findMany({
    where: { kind: 'PERSON', OR: [{ personSub: person.sub }, ...(email ? [{ personEmail: email }] : [])] },
    orderBy: { createdAt: 'desc' },
    take: 20,
    select: { id: true, reason: true, createdAt: true, createdByName: true, liftedAt: true, liftedByName: true, liftReason: true },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), liftedAt: r.liftedAt?.toISOString() ?? null }));
}
