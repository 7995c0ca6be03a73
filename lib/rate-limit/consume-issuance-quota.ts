// Counts one issuance against a person's hourly quota, in PostgreSQL so the limit holds across
// every app instance. A per-key advisory lock serialises one person's concurrent requests.
import type { Db } from '@/lib/db/create-client';
import { decide, slotStart, windowStart } from './quota-window';

export async function consumeIssuanceQuota(opts: { db: Db; key: string; limitPerHour: number; now?: Date }): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const now = opts.now ?? new Date();
  return opts.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`quota:${opts.key}`}, 0))`;
    const buckets = await tx.rateLimitBucket.findMany({
      where: { key: opts.key, windowStart: { gte: windowStart(now) } },
      select: { windowStart: true, count: true },
    });
    const verdict = decide(buckets, opts.limitPerHour, now);
    if (!verdict.allowed) return verdict;
    await tx.rateLimitBucket.upsert({
      where: { key_windowStart: { key: opts.key, windowStart: slotStart(now) } },
      create: { key: opts.key, windowStart: slotStart(now), count: 1 },
      update: { count: { increment: 1 } },
    });
    // Old slots are dead weight; sweep them now and then rather than on every request.
    if (Math.random() < 0.02) {
      await tx.rateLimitBucket.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 2 * 3600_000) } } });
    }
    return verdict;
  });
}
