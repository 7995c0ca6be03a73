// Scheduled upkeep (start-audit-maintenance.ts, every minute): CLI sign-ins in progress past their
// expiry (an abandoned `keyport login`, a device code nobody typed) are deleted, with an hour's
// margin so a late poll still reads "expired" rather than "unknown"; and CLI sign-ins that ended
// more than 30 days ago (the Your devices page shows 30 days), so neither table grows forever.
import type { Db } from '@/lib/db/create-client';

export async function pruneCliAuthorizations(opts: { db: Db; now?: Date }): Promise<{ authorizations: number; tokens: number }> {
  const now = opts.now ?? new Date();
  const authorizations = await opts.db.cliAuthorization.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 3600_000) } } });
  const old = new Date(now.getTime() - 30 * 86400_000);
  const tokens = await opts.db.cliToken.deleteMany({ where: { OR: [{ revokedAt: { lt: old } }, { refreshExpiresAt: { lt: old } }] } });
  return { authorizations: authorizations.count, tokens: tokens.count };
}
