// Metrics of a multi-worker server (KEYPORT_WORKERS > 1, server/keyport-server.mjs): every worker
// counts into its own registry, and a scrape reaches one worker. That worker asks the primary for
// every worker's metrics (its own included), over the cluster's IPC channel; the primary asks each
// and hands back what came within 3 s; the worker sums them with prom-client's own aggregation
// (counters and histograms add up, each default metric by its declared aggregator). So
// /api/metrics tells about the whole server, not the one process that answered.
// `keyport_worker_processes` (1 in each worker, summed) says how many workers answered.
import { AggregatorRegistry } from 'prom-client';
import { metrics } from './registry';

type Message = { keyport?: string; id?: unknown; metrics?: unknown; workers?: unknown };
type Json = object[];

interface State {
  installed: boolean;
  seq: number;
  pending: Map<number, (result: { metrics: Json[]; workers: number }) => void>;
  prepare?: () => void;
}

const KEY = Symbol.for('keyport.clusterMetrics');

function state(): State {
  const g = globalThis as unknown as Record<symbol, State | undefined>;
  g[KEY] ??= { installed: false, seq: 0, pending: new Map() };
  return g[KEY];
}

/** True in a worker of a multi-worker server (the primary forks them with KEYPORT_WORKER set). */
export function isClusterWorker(): boolean {
  return Boolean(process.env.KEYPORT_WORKER) && typeof process.send === 'function';
}

/**
 * In a worker: answers the primary's requests for this worker's metrics, after `prepare` (which
 * reads gauges taken at scrape time, such as the database pool's). Once per process.
 */
export function installClusterMetrics(prepare: () => void): void {
  const s = state();
  s.prepare = prepare;
  metrics().workerProcesses.set(1);
  if (s.installed || !isClusterWorker()) return;
  s.installed = true;
  process.on('message', (raw: unknown) => {
    const m = raw as Message;
    if (m?.keyport === 'metrics-get') {
      try {
        s.prepare?.();
      } catch {
        /* a gauge that cannot be read now is left as it was */
      }
      void metrics()
        .registry.getMetricsAsJSON()
        .then((json) => process.send?.({ keyport: 'metrics-json', id: m.id, metrics: json }));
    } else if (m?.keyport === 'metrics-result' && typeof m.id === 'number') {
      const done = s.pending.get(m.id);
      s.pending.delete(m.id);
      done?.({ metrics: Array.isArray(m.metrics) ? (m.metrics as Json[]) : [], workers: Number(m.workers) || 0 });
    }
  });
}

/** Every worker's metrics, summed, as Prometheus text; throws when the primary does not answer. */
export async function renderClusterMetrics(timeoutMs = 5000): Promise<{ contentType: string; body: string }> {
  const s = state();
  const id = ++s.seq;
  const result = await new Promise<{ metrics: Json[]; workers: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      s.pending.delete(id);
      reject(new Error('the server\'s primary process did not answer the metrics request'));
    }, timeoutMs);
    s.pending.set(id, (r) => {
      clearTimeout(timer);
      resolve(r);
    });
    process.send?.({ keyport: 'metrics-collect', id });
  });
  const aggregated = AggregatorRegistry.aggregate(result.metrics);
  return { contentType: aggregated.contentType, body: await aggregated.metrics() };
}
