import 'server-only';
// Remembers, per person and role, the duration and region of a successful issuance (the pipeline
// calls it while ISSUE_SUCCEEDED is being recorded), keeping the output choice already stored.
import { sqlPool, type Db } from '@/lib/db/create-client';

export async function rememberIssuanceChoice(db: Db, c: { actorSub: string; mappingId: string; durationSeconds: number; region: string }): Promise<void> {
  // One statement on the issuance path, on the pool as its other hot statements are.
  await sqlPool(db).query(
    `INSERT INTO "issuance_choices" ("actor_sub", "mapping_id", "duration_seconds", "region", "updated_at")
     VALUES ($1, $2::uuid, $3, $4, now())
     ON CONFLICT ("actor_sub", "mapping_id") DO UPDATE SET "duration_seconds" = EXCLUDED."duration_seconds", "region" = EXCLUDED."region", "updated_at" = now()`,
    [c.actorSub, c.mappingId, c.durationSeconds, c.region],
  );
}
