import 'server-only';
// Remembers the output format and profile name a person picked on the credentials view. Only a
// role they were issued credentials for has a row (rememberIssuanceChoice made it): the update is
// scoped to their own row, so nobody can write preferences for anyone else or for roles never used.
import type { Db } from '@/lib/db/create-client';
import type { OutputChoice } from './output-choice-schema';

export async function rememberOutputChoice(opts: { db: Db; actorSub: string; choice: OutputChoice }): Promise<boolean> {
  const { db, actorSub, choice } = opts;
  const { count } = await db.issuanceChoice.updateMany({
    where: { actorSub, mappingId: choice.mappingId },
    data: {
      ...(choice.outputFormat !== undefined ? { outputFormat: choice.outputFormat } : {}),
      ...(choice.profileName !== undefined ? { profileName: choice.profileName } : {}),
    },
  });
  return count > 0;
}
