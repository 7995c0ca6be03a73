import 'server-only';
// Disables (or enables again) one mapping. Disabling takes effect on the next catalog load and
// issuance check (both read the database); it is audited as MAPPING_DISABLED, enabling as
// MAPPING_UPDATED with before/after, in the same transaction.
import type { Actor } from '@/lib/auth/actor';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import type { Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import { toExportedMapping } from './mapping-document';
import { assertMappingId, auditActorOf, changedBy, lockMappings } from './mapping-tx';
import { mappingSelect, toMappingView, type MappingView } from './mapping-view';

export async function setMappingEnabled(opts: { db: Db; actor: Actor; id: string; enabled: boolean; requestId?: string }): Promise<MappingView> {
  assertMappingId(opts.id);
  const row = await opts.db.$transaction(async (tx) => {
    await lockMappings(tx);
    const before = await tx.roleMapping.findUnique({ where: { id: opts.id }, select: mappingSelect });
    if (!before) throw new AppError('not_found', 'No such mapping (it may have been deleted).');
    if (before.enabled === opts.enabled) return before;
    const after = await tx.roleMapping.update({ where: { id: opts.id }, data: { enabled: opts.enabled, updatedBy: changedBy(opts.actor) }, select: mappingSelect });
    await appendAuditEvent(tx, {
      type: opts.enabled ? 'MAPPING_UPDATED' : 'MAPPING_DISABLED',
      actor: auditActorOf(opts.actor),
      outcome: 'success',
      requestId: opts.requestId,
      mappingId: after.id,
      roleArn: after.roleArn,
      accountId: after.accountId,
      details: { changed: ['enabled'], before: toExportedMapping(before), after: toExportedMapping(after) },
    });
    return after;
  });
  return toMappingView(row);
}
