import 'server-only';
// Replaces one mapping's fields: validated, refused if it would duplicate another mapping or if it
// changed since the editor loaded it, or if it renames the group to a lookalike group the admin did
// not confirm; audited as MAPPING_UPDATED (before/after) in the same transaction.
import type { Actor } from '@/lib/auth/actor';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import type { Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import { checkLookalikeGroup } from './check-lookalike-group';
import { lookalikeAuditDetail } from './lookalike-group';
import { toExportedMapping } from './mapping-document';
import { assertAccountLabel, assertMappingId, auditActorOf, changedBy, duplicateError, findDuplicate, invalidMapping, lockMappings } from './mapping-tx';
import { mappingSelect, toMappingView, type MappingView } from './mapping-view';
import { changedFields } from './plan-import';
import { validateMapping } from './validate-mapping';

export async function updateMapping(opts: {
  db: Db;
  actor: Actor;
  id: string;
  input: unknown;
  expectedUpdatedAt?: string;
  /** The admin saw the lookalike warning for the new group and saves it anyway. */
  confirmLookalikeGroup?: boolean;
  requestId?: string;
}): Promise<MappingView> {
  assertMappingId(opts.id);
  const v = validateMapping(opts.input);
  if (!v.ok) throw invalidMapping(v.fields);
  // Enabling and disabling has its own operation; an edit that does not name `enabled` keeps it.
  const namesEnabled = typeof opts.input === 'object' && opts.input !== null && 'enabled' in opts.input;
  const row = await opts.db.$transaction(async (tx) => {
    await lockMappings(tx);
    const before = await tx.roleMapping.findUnique({ where: { id: opts.id }, select: mappingSelect });
    if (!before) throw new AppError('not_found', 'No such mapping (it may have been deleted).');
    if (opts.expectedUpdatedAt !== undefined && before.updatedAt.toISOString() !== opts.expectedUpdatedAt) {
      throw new AppError('conflict', `Someone else changed this mapping (${before.updatedBy}, ${before.updatedAt.toISOString()}) after you opened it. Reload to see their change, then edit again.`);
    }
    const data = namesEnabled ? v.value : { ...v.value, enabled: before.enabled };
    const duplicate = await findDuplicate(tx, data, opts.id);
    if (duplicate) throw duplicateError(data.idpGroup, data.roleArn, duplicate);
    await assertAccountLabel(tx, data);
    const changed = changedFields(before, data);
    if (changed.length === 0) return before;
    // Only a new group name is checked: an edit of other fields keeps the group it was saved with.
    const lookalike = changed.includes('idpGroup')
      ? await checkLookalikeGroup(tx, { group: data.idpGroup, exceptId: opts.id, confirmed: opts.confirmLookalikeGroup === true })
      : null;
    const after = await tx.roleMapping.update({ where: { id: opts.id }, data: { ...data, updatedBy: changedBy(opts.actor) }, select: mappingSelect });
    await appendAuditEvent(tx, {
      type: 'MAPPING_UPDATED',
      actor: auditActorOf(opts.actor),
      outcome: 'success',
      requestId: opts.requestId,
      mappingId: after.id,
      roleArn: after.roleArn,
      accountId: after.accountId,
      details: { changed, before: toExportedMapping(before), after: toExportedMapping(after), ...(lookalike ? { lookalikeGroup: lookalikeAuditDetail(lookalike) } : {}) },
    });
    return after;
  });
  return toMappingView(row);
}
