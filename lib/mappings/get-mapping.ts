import 'server-only';
// One mapping, for the editor.
import type { Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import { assertMappingId } from './mapping-tx';
import { mappingSelect, toMappingView, type MappingView } from './mapping-view';

export async function getMapping(opts: { db: Db; id: string }): Promise<MappingView> {
  assertMappingId(opts.id);
  const row = await opts.db.roleMapping.findUnique({ where: { id: opts.id }, select: mappingSelect });
  if (!row) throw new AppError('not_found', 'No such mapping (it may have been deleted).');
  return toMappingView(row);
}
