// Creates this month's and the next months' audit partitions ahead of time (idempotent; the
// DEFAULT partition catches anything they miss, so an insert never fails for want of one).
import type { Db } from '@/lib/db/create-client';

export async function ensureAuditPartitions(opts: { db: Db; monthsAhead?: number; now?: Date }): Promise<{ created: number }> {
  const months = (opts.monthsAhead ?? 2) + 1;
  const rows = await opts.db.$queryRaw<{ created: number }[]>`SELECT audit_ensure_partitions(${opts.now ?? new Date()}::timestamptz, ${months}::int) AS created`;
  return { created: Number(rows[0]?.created ?? 0) };
}
