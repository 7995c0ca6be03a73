import 'server-only';
// All mappings as the stable JSON document (see mapping-document.ts).
import type { Db } from '@/lib/db/create-client';
import { serializeMappingDocument, toMappingDocument } from './mapping-document';
import { mappingSelect } from './mapping-view';

export async function exportMappings(opts: { db: Db }): Promise<string> {
  const rows = await opts.db.roleMapping.findMany({ select: mappingSelect });
  return serializeMappingDocument(toMappingDocument(rows));
}
