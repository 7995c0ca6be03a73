// The text /api/metrics answers: every metric, with the database pool's use read at scrape time;
// in a multi-worker server, every worker's, summed (cluster-metrics.ts).
import { SQL_POOL } from '@/lib/db/create-client';
import { installClusterMetrics, isClusterWorker, renderClusterMetrics } from './cluster-metrics';
import { metrics } from './registry';

interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/** Sets the database pool's gauges from the pool's counts now. */
export function readPoolGauges(db: object | null): void {
  const m = metrics();
  const pool = db ? ((db as Record<symbol, unknown>)[SQL_POOL] as PoolCounts | undefined) : undefined;
  if (pool && typeof pool.totalCount === 'number') {
    m.dbPoolConnections.set({ state: 'total' }, pool.totalCount);
    m.dbPoolConnections.set({ state: 'idle' }, pool.idleCount);
    m.dbPoolConnections.set({ state: 'waiting' }, pool.waitingCount);
    if (typeof pool.options?.max === 'number') m.dbPoolMax.set(pool.options.max);
  }
}

export async function renderMetrics(db: object | null): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  installClusterMetrics(() => readPoolGauges(db));
  if (isClusterWorker()) return renderClusterMetrics();
  readPoolGauges(db);
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
