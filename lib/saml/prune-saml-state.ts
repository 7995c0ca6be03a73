// Scheduled upkeep (start-audit-maintenance.ts, every minute): AuthnRequests past their expiry
// (never answered — an abandoned sign-in, or a flood of anonymous GETs) and used assertion ids
// past their NotOnOrAfter (plus a margin for clock skew) are deleted, so neither table grows with
// traffic that never completes.
import type { Db } from '@/lib/db/create-client';

export async function pruneSamlState(opts: { db: Db; now?: Date }): Promise<{ requests: number; assertions: number }> {
  const now = opts.now ?? new Date();
  const requests = await opts.db.samlRequest.deleteMany({ where: { expiresAt: { lt: now } } });
  const assertions = await opts.db.samlUsedAssertion.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 5 * 60_000) } } });
  return { requests: requests.count, assertions: assertions.count };
}
