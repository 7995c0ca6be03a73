// Counts one request against an hourly quota (a person's issuances, a person's refusals, an
// address's anonymous SAML requests), in PostgreSQL so the limit holds across every app instance.
// One statement: the current slot's row is incremented (its row lock orders concurrent requests
// on one key) and the window's slots come back with it, so the common case is a single round trip.
// A refused request takes its count back and is counted instead in the slot's `#refused` row, so
// the caller can record a flood without recording each request of it (see auditRefusalNow). The
// table is UNLOGGED: a quota is not a record, and its writes then need no WAL flush (a crash resets
// the counters). Plain SQL on the client's pool: it runs on every issuance, where Prisma's per-call
// CPU shows.
import { sqlPool, type Db } from '@/lib/db/create-client';
import { decide, slotStart, windowStart } from './quota-window';

export type QuotaVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; refusedInSlot: number };

export async function consumeQuota(opts: { db: Db; key: string; limitPerHour: number; now?: Date }): Promise<QuotaVerdict> {
  const now = opts.now ?? new Date();
  const slot = slotStart(now);
  const pool = sqlPool(opts.db);
  const { rows } = await pool.query<{ windowStart: Date; count: number; current: boolean }>(
    `WITH "slot" AS (
       INSERT INTO "rate_limit_buckets" ("key", "window_start", "count") VALUES ($1, $2, 1)
       ON CONFLICT ("key", "window_start") DO UPDATE SET "count" = "rate_limit_buckets"."count" + 1
       RETURNING "window_start", "count"
     )
     SELECT "window_start" AS "windowStart", "count", TRUE AS "current" FROM "slot"
     UNION ALL
     SELECT "window_start", "count", FALSE FROM "rate_limit_buckets"
      WHERE "key" = $1 AND "window_start" >= $3 AND "window_start" <> $2`,
    [opts.key, slot, windowStart(now)],
  );
  // The verdict is taken on the counts before this request, as if it had not been counted yet.
  const before = rows.map((r) => ({ windowStart: r.windowStart, count: r.current ? r.count - 1 : r.count }));
  const verdict = decide(before, opts.limitPerHour, now);
  // Old slots are dead weight; sweep them now and then rather than on every request.
  if (Math.random() < 0.02) {
    await pool.query(`DELETE FROM "rate_limit_buckets" WHERE "window_start" < $1`, [new Date(now.getTime() - 2 * 3600_000)]);
  }
  if (verdict.allowed) return verdict;
  const { rows: over } = await pool.query<{ count: number }>(
    `WITH "back" AS (
       UPDATE "rate_limit_buckets" SET "count" = "count" - 1 WHERE "key" = $1 AND "window_start" = $2 AND "count" > 0
     )
     INSERT INTO "rate_limit_buckets" ("key", "window_start", "count") VALUES ($1 || '#refused', $2, 1)
     ON CONFLICT ("key", "window_start") DO UPDATE SET "count" = "rate_limit_buckets"."count" + 1
     RETURNING "count"`,
    [opts.key, slot],
  );
  return { ...verdict, refusedInSlot: over[0]?.count ?? 1 };
}
