// What the audit log holds about issuances after a mark (the highest event id at the time): the
// counts the concurrency benchmark checks against the STS calls and the credentials returned.
import pg from 'pg';
import type { LedgerCounts } from './concurrency';

export function auditLedger(databaseUrl: string): { mark: () => Promise<bigint>; after: (mark: bigint) => Promise<LedgerCounts> } {
  const q = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    try {
      return (await c.query<T>(sql, params)).rows;
    } finally {
      await c.end();
    }
  };
  return {
    mark: async () => BigInt((await q<{ m: string }>('SELECT coalesce(max(id), 0)::text AS m FROM audit_events'))[0]?.m ?? '0'),
    after: async (mark) => {
      const rows = await q<{ type: string; n: string }>("SELECT type, count(*)::text AS n FROM audit_events WHERE id > $1 AND type LIKE 'ISSUE_%' GROUP BY type", [mark.toString()]);
      const n = (t: string) => Number(rows.find((r) => r.type === t)?.n ?? 0);
      const keys = await q<{ k: string }>("SELECT access_key_id AS k FROM audit_events WHERE id > $1 AND type = 'ISSUE_SUCCEEDED' AND access_key_id IS NOT NULL", [mark.toString()]);
      return { requested: n('ISSUE_REQUESTED'), succeeded: n('ISSUE_SUCCEEDED'), failed: n('ISSUE_FAILED') + n('ISSUE_OUTCOME_UNKNOWN'), accessKeyIds: new Set(keys.map((r) => r.k)) };
    },
  };
}
