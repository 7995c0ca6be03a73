import 'server-only';
// When each mapping last issued credentials (its newest ISSUE_SUCCEEDED in the last USAGE_WINDOW_DAYS),
// for the mapping list's "last used" column. Walks the audit's (role_arn, occurred_at) index, one
// row per mapping; older use shows as "not in 90 days".
import { sqlPool, type Db } from '@/lib/db/create-client';

export const USAGE_WINDOW_DAYS = 90;

export async function readMappingUsage(db: Db, mappings: readonly { id: string; roleArn: string }[]): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  if (mappings.length === 0) return out;
  const { rows } = await sqlPool(db).query<{ mappingId: string; lastUsedAt: Date }>(
    `SELECT "mapping_id"::text AS "mappingId", max("occurred_at") AS "lastUsedAt"
       FROM "audit_events"
      WHERE "role_arn" = ANY($1::text[]) AND "mapping_id" = ANY($2::uuid[])
        AND "type" = 'ISSUE_SUCCEEDED' AND "occurred_at" > now() - make_interval(days => $3)
      GROUP BY "mapping_id"`,
    [[...new Set(mappings.map((m) => m.roleArn))], mappings.map((m) => m.id), USAGE_WINDOW_DAYS],
  );
  for (const r of rows) out.set(r.mappingId, r.lastUsedAt);
  return out;
}
