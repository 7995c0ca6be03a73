import 'server-only';
// Creates one mapping: validated, refused when the group already maps to the role or is a
// lookalike group the admin did not confirm, audited as MAPPING_CREATED in the same transaction.
import type { Actor } from '@/lib/auth/actor';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import type { Db } from '@/lib/db/create-client';
import { checkLookalikeGroup } from './check-lookalike-group';
import { lookalikeAuditDetail } from './lookalike-group';
import { toExportedMapping } from './mapping-document';
import { assertAccountLabel, auditActorOf, changedBy, duplicateError, findDuplicate, invalidMapping, lockMappings } from './mapping-tx';
import { mappingSelect, toMappingView, type MappingView } from './mapping-view';
import { validateMapping } from './validate-mapping';

export async function createMapping(opts: {
  db: Db;
  actor: Actor;
  input: unknown;
  /** The admin saw the lookalike warning for this group and saves it anyway. */
  confirmLookalikeGroup?: boolean;
  requestId?: string;
}): Promise<MappingView> {
  const v = validateMapping(opts.input);
  if (!v.ok) throw invalidMapping(v.fields);
  const data = v.value;
  const row = await opts.db.$transaction(async (tx) => {
    await lockMappings(tx);
    const duplicate = await findDuplicate(tx, data);
    if (duplicate) throw duplicateError(data.idpGroup, data.roleArn, duplicate);
    await assertAccountLabel(tx, data);
    const lookalike = await checkLookalikeGroup(tx, { group: data.idpGroup, confirmed: opts.confirmLookalikeGroup === true });
    const created = await tx.roleMapping.create({
      data: { ...data, createdBy: changedBy(opts.actor), updatedBy: changedBy(opts.actor) },
      select: mappingSelect,
    });
    await appendAuditEvent(tx, {
      type: 'MAPPING_CREATED',
      actor: auditActorOf(opts.actor),
      outcome: 'success',
      requestId: opts.requestId,
      mappingId: created.id,
      roleArn: created.roleArn,
      accountId: created.accountId,
      details: { after: toExportedMapping(created), ...(lookalike ? { lookalikeGroup: lookalikeAuditDetail(lookalike) } : {}) },
    });
    return created;
  });
  return toMappingView(row);
}
