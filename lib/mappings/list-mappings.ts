import 'server-only';
// Every mapping, for the admin list, in the export's stable order.
import type { Db } from '@/lib/db/create-client';
import { compareMappings, mappingSelect, toMappingView, type MappingView } from './mapping-view';

export async function listMappings(opts: { db: Db }): Promise<MappingView[]> {
  const rows = await opts.db.roleMapping.findMany({ select: mappingSelect });
  return rows.sort(compareMappings).map(toMappingView);
}
