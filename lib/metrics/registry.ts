// Keyport's Prometheus metrics: one registry and every metric's definition. Labels carry only
// bounded, non-secret values (outcome words, IdP kinds, mapping ids Keyport resolved, AWS error
// codes, sink names); never a key, token, assertion, person or client-sent text.
// Kept on globalThis: Next.js may load this module in more than one bundle of one process
// (instrumentation, each route), and every copy must count into the same registry.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// Seconds; issuance and STS calls sit between a few ms (sandbox) and a few s (retries, slow IdPs).
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function define() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'keyport_' });
  return {
    registry,
    issuances: new Counter({
      name: 'keyport_issuances_total',
      help: 'Credential issuances by outcome, federation (oidc | saml) and mapping id ("none" before a mapping is resolved)',
      labelNames: ['outcome', 'federation', 'mapping'] as const,
      registers: [registry],
    }),
    issuanceDuration: new Histogram({
      name: 'keyport_issuance_duration_seconds',
      help: 'Time of one issuance, entitlement to recorded outcome',
      labelNames: ['outcome', 'federation'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'keyport_http_request_duration_seconds',
      help: 'Time of one API request through withAuth, by the permission it needs, method and status',
      labelNames: ['permission', 'method', 'status'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    stsCallDuration: new Histogram({
      name: 'keyport_sts_call_duration_seconds',
      help: 'Time of one STS AssumeRoleWith* call, retries included',
      labelNames: ['federation', 'result'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    stsErrors: new Counter({
      name: 'keyport_sts_errors_total',
      help: 'STS refusals and failures by AWS error code',
      labelNames: ['code', 'federation'] as const,
      registers: [registry],
    }),
    auditAppendDuration: new Histogram({
      name: 'keyport_audit_append_duration_seconds',
      help: 'Time from recording an audit event to its commit (group commit wait included)',
      labelNames: ['result'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    auditSinkLag: new Gauge({
      name: 'keyport_audit_sink_lag_seconds',
      help: 'Age of the oldest audit event not yet delivered to each external sink',
      labelNames: ['sink'] as const,
      registers: [registry],
    }),
    rateLimitRefusals: new Counter({
      name: 'keyport_rate_limit_refusals_total',
      help: 'Issuances refused by the per-person rate limit',
      labelNames: ['federation'] as const,
      registers: [registry],
    }),
    dbPoolConnections: new Gauge({
      name: 'keyport_db_pool_connections',
      help: 'Connections of the database pool: total open, idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [registry],
    }),
    dbPoolMax: new Gauge({ name: 'keyport_db_pool_max', help: 'Most connections the database pool opens', registers: [registry] }),
    shuttingDown: new Gauge({ name: 'keyport_shutting_down', help: '1 once SIGTERM was received and the instance is draining (summed over workers: how many are draining)', registers: [registry] }),
    workerProcesses: new Gauge({ name: 'keyport_worker_processes', help: 'Worker processes whose metrics this scrape holds (KEYPORT_WORKERS; 1 for a single process)', registers: [registry] }),
  };
}

export type KeyportMetrics = ReturnType<typeof define>;

const KEY = Symbol.for('keyport.metrics');

export function metrics(): KeyportMetrics {
  const g = globalThis as unknown as Record<symbol, KeyportMetrics | undefined>;
  g[KEY] ??= define();
  return g[KEY];
}
