import 'server-only';
// A person's remembered choices, by mapping id (their own only: the person is in the where).
import type { Db } from '@/lib/db/create-client';
import type { OutputFormat } from './output-choice-schema';

export interface IssuanceChoiceView {
  durationSeconds: number;
  region: string;
  outputFormat: OutputFormat | null;
  profileName: string | null;
  updatedAt: string;
}

export async function listIssuanceChoices(opts: { db: Db; actorSub: string }): Promise<Map<string, IssuanceChoiceView>> {
  const rows = await opts.db.issuanceChoice.findMany({
    where: { actorSub: opts.actorSub },
    select: { mappingId: true, durationSeconds: true, region: true, outputFormat: true, profileName: true, updatedAt: true },
  });
  return new Map(
    rows.map((r) => [
      r.mappingId,
      { durationSeconds: r.durationSeconds, region: r.region, outputFormat: (r.outputFormat as OutputFormat | null) ?? null, profileName: r.profileName, updatedAt: r.updatedAt.toISOString() },
    ]),
  );
}
