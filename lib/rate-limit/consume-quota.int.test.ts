// The hourly quota against the real test database: the limit is exact under concurrent requests,
// a refused request does not count, old slots leave the window on time, and the counters live in
// an unlogged table (no WAL flush on the issuance path).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { consumeQuota } from './consume-quota';
import { SLOT_MS, WINDOW_MS } from './quota-window';

let db: Db;
beforeAll(() => {
  db = createPrismaClient(inject('databaseUrl'), { max: 20 });
});
afterAll(async () => {
  await db?.$disconnect();
});

async function slotCounts(key: string): Promise<number[]> {
  const rows = await db.rateLimitBucket.findMany({ where: { key }, orderBy: { windowStart: 'asc' }, select: { count: true } });
  return rows.map((r) => r.count);
}

describe('consumeQuota', () => {
  it('allows exactly the limit, and a refusal takes its count back', async () => {
    const key = `quota-test:${randomUUID()}`;
    const now = new Date('2026-11-23T10:05:00Z');
    for (let i = 0; i < 3; i++) expect(await consumeQuota({ db, key, limitPerHour: 3, now })).toEqual({ allowed: true });
    const refused = await consumeQuota({ db, key, limitPerHour: 3, now });
    expect(refused.allowed).toBe(false);
    expect(await consumeQuota({ db, key, limitPerHour: 3, now })).toMatchObject({ allowed: false });
    expect(await slotCounts(key)).toEqual([3]);
  });

  it('numbers the refusals of a slot, so a flood can be recorded by its size', async () => {
    const key = `quota-test:${randomUUID()}`;
    const now = new Date('2026-11-23T11:05:00Z');
    expect(await consumeQuota({ db, key, limitPerHour: 1, now })).toEqual({ allowed: true });
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) {
      const v = await consumeQuota({ db, key, limitPerHour: 1, now });
      if (v.allowed) throw new Error('over the limit yet allowed');
      seen.push(v.refusedInSlot);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // A new slot starts counting its refusals again.
    const later = await consumeQuota({ db, key, limitPerHour: 1, now: new Date(now.getTime() + SLOT_MS) });
    expect(later).toMatchObject({ allowed: false, refusedInSlot: 1 });
  });

  it('holds the limit exactly under 40 concurrent requests from one person', async () => {
    const key = `quota-test:${randomUUID()}`;
    const now = new Date();
    const verdicts = await Promise.all(Array.from({ length: 40 }, () => consumeQuota({ db, key, limitPerHour: 7, now })));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(7);
    expect(await slotCounts(key)).toEqual([7]);
  });

  it('counts the earlier slots of the hour and frees them when they leave the window', async () => {
    const key = `quota-test:${randomUUID()}`;
    const t0 = new Date('2026-11-23T10:00:00Z');
    const t1 = new Date(t0.getTime() + SLOT_MS + 60_000);
    expect((await consumeQuota({ db, key, limitPerHour: 2, now: t0 })).allowed).toBe(true);
    expect((await consumeQuota({ db, key, limitPerHour: 2, now: t1 })).allowed).toBe(true);
    const refused = await consumeQuota({ db, key, limitPerHour: 2, now: t1 });
    // The t0 slot leaves the window an hour after it began.
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: (t0.getTime() + WINDOW_MS - t1.getTime()) / 1000, refusedInSlot: 1 });
    expect((await consumeQuota({ db, key, limitPerHour: 2, now: new Date(t0.getTime() + WINDOW_MS) })).allowed).toBe(true);
    expect(await slotCounts(key)).toEqual([1, 1, 1]);
  });

  it('keeps its counters in an unlogged table', async () => {
    const c = new pg.Client({ connectionString: inject('databaseUrl') });
    await c.connect();
    try {
      const { rows } = await c.query<{ relpersistence: string }>(`SELECT relpersistence FROM pg_class WHERE relname = 'rate_limit_buckets'`);
      expect(rows[0]?.relpersistence).toBe('u');
    } finally {
      await c.end();
    }
  });
});
