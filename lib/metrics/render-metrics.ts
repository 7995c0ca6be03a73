// The text /api/metrics answers: every metric, with the database pool's use read at scrape time.
import { SQL_POOL } from '@/lib/db/create-client';
import { metrics } from './registry';

interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

export async function renderMetrics(db: object | null): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  const pool = db ? ((db as Record<symbol, unknown>)[SQL_POOL] as PoolCounts | undefined) : undefined;
  if (pool && typeof pool.totalCount === 'number') {
    m.dbPoolConnections.set({ state: 'total' }, pool.totalCount);
    m.dbPoolConnections.set({ state: 'idle' }, pool.idleCount);
    m.dbPoolConnections.set({ state: 'waiting' }, pool.waitingCount);
    if (typeof pool.options?.max === 'number') m.dbPoolMax.set(pool.options.max);
  }
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
