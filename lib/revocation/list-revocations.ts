// Revocations, newest first: in force ones and lifted ones.
import type { Db } from '@/lib/db/create-client';
import type { RevocationView } from './revocation-deps';
import { toRevocationView } from './revocation-view';

export async function listRevocations(opts: { db: Db; limit?: number }): Promise<RevocationView[]> {
  const rows = await opts.db.revocation.findMany({ orderBy: { createdAt: 'desc' }, take: opts.limit ?? 200 });
  return rows.map(toRevocationView);
}
