// How far each configured sink is behind, from the cursors every instance shares, so /api/ready
// and the issuance gate on any instance see the same thing. A sink is over the bound when its
// oldest undelivered event is older than AUDIT_SINK_MAX_LAG_SECONDS, or it has been failing that
// long — whichever instance delivers to it, or none.
import type { SqlPool } from '@/lib/db/create-client';

export interface SinkStatus {
  sink: string;
  deliveredSeq: string;
  headSeq: string;
  /** Seconds since the oldest undelivered event was recorded; 0 when caught up. */
  lagSeconds: number;
  failingSince: string | null;
  lastError: string | null;
  overBound: boolean;
}

export async function readSinkStatus(pool: SqlPool, sinks: readonly string[], maxLagMs: number): Promise<SinkStatus[]> {
  if (sinks.length === 0) return [];
  const { rows } = await pool.query<{ sink: string; delivered_seq: string; head_seq: string; failing_since: Date | null; last_error: string | null; lag_ms: number | null }>(
    `SELECT n.sink, coalesce(c.delivered_seq, 0)::text AS delivered_seq, s.head_seq::text AS head_seq, c.failing_since, c.last_error,
            (SELECT extract(epoch FROM (now() - e.occurred_at)) * 1000 FROM audit_events e
              WHERE e.seq > coalesce(c.delivered_seq, 0) ORDER BY e.seq LIMIT 1)::float8 AS lag_ms
       FROM unnest($1::text[]) AS n(sink)
       LEFT JOIN audit_sink_cursors c ON c.sink = n.sink
       CROSS JOIN audit_chain_state s
      WHERE s.id = 1`,
    [sinks],
  );
  return rows.map((r) => {
    const lagMs = Math.max(0, r.lag_ms ?? 0);
    const failingMs = r.failing_since ? Date.now() - r.failing_since.getTime() : 0;
    return {
      sink: r.sink,
      deliveredSeq: r.delivered_seq,
      headSeq: r.head_seq,
      lagSeconds: Math.round(lagMs / 100) / 10,
      failingSince: r.failing_since?.toISOString() ?? null,
      lastError: r.last_error,
      overBound: lagMs > maxLagMs || failingMs > maxLagMs,
    };
  });
}
