import 'server-only';
// The health of mappings (mapping-health.ts) from the audit: the last outcomes of each mapping's
// role in the past WINDOW_DAYS, across everyone (a trust policy fails for all alike). Uses the
// audit's (role_arn, occurred_at) index; at most PER_MAPPING events per mapping are read.
import { sqlPool, type Db } from '@/lib/db/create-client';
import { mappingHealth, type MappingHealth, type OutcomeEvent } from './mapping-health';

const WINDOW_DAYS = 7;
const PER_MAPPING = 20;

export async function readMappingHealth(db: Db, mappings: readonly { id: string; roleArn: string; stsRegion: string; maxDurationSeconds: number }[]): Promise<Map<string, MappingHealth>> {
  const out = new Map<string, MappingHealth>();
  if (mappings.length === 0) return out;
  const { rows } = await sqlPool(db).query<{ mappingId: string; type: OutcomeEvent['type']; errorCode: string | null; occurredAt: Date }>(
    `SELECT "mappingId", "type", "errorCode", "occurredAt" FROM (
       SELECT "mapping_id"::text AS "mappingId", "type", "error_code" AS "errorCode", "occurred_at" AS "occurredAt",
              row_number() OVER (PARTITION BY "mapping_id" ORDER BY "occurred_at" DESC, "id" DESC) AS "n"
         FROM "audit_events"
        WHERE "role_arn" = ANY($1::text[]) AND "mapping_id" = ANY($2::uuid[])
          AND "type" IN ('ISSUE_SUCCEEDED', 'ISSUE_FAILED')
          AND "occurred_at" > now() - make_interval(days => $3)
     ) recent WHERE "n" <= $4 ORDER BY "mappingId", "occurredAt" DESC`,
    [[...new Set(mappings.map((m) => m.roleArn))], mappings.map((m) => m.id), WINDOW_DAYS, PER_MAPPING],
  );
  const byMapping = new Map<string, OutcomeEvent[]>();
  for (const r of rows) byMapping.set(r.mappingId, [...(byMapping.get(r.mappingId) ?? []), { type: r.type, errorCode: r.errorCode, occurredAt: r.occurredAt }]);
  for (const m of mappings) {
    const h = mappingHealth(byMapping.get(m.id) ?? [], m);
    if (h) out.set(m.id, h);
  }
  return out;
}
