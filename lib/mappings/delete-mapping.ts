import 'server-only';
// Deletes one mapping, audited as MAPPING_DELETED (with what it was) in the same transaction.
import type { Actor } from '@/lib/auth/actor';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import type { Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import { toExportedMapping } from './mapping-document';
import { assertMappingId, auditActorOf, lockMappings } from './mapping-tx';
import { mappingSelect } from './mapping-view';

export async function deleteMapping(opts: { db: Db; actor: Actor; id: string; requestId?: string }): Promise<{ id: string }> {
  assertMappingId(opts.id);
  await opts.db.$transaction(async (tx) => {
    await lockMappings(tx);
    const before = await tx.roleMapping.findUnique({ where: { id: opts.id }, select: mappingSelect });
    if (!before) throw new AppError('not_found', 'No such mapping (it may have been deleted already).');
    await tx.roleMapping.delete({ where: { id: opts.id } });
    await appendAuditEvent(tx, {
      type: 'MAPPING_DELETED',
      actor: auditActorOf(opts.actor),
      outcome: 'success',
      requestId: opts.requestId,
      mappingId: before.id,
      roleArn: before.roleArn,
      accountId: before.accountId,
      details: { before: toExportedMapping(before) },
    });
  });
  return { id: opts.id };
}
