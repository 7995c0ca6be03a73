import 'server-only';
// The one check of a mapping's group against lookalikes, inside the mapping transaction (after
// lockMappings, so the other groups cannot change before commit): a group that mixes scripts or
// is confusable with another mapping's group is refused unless the admin confirmed it.
import { AppError } from '@/lib/errors/app-error';
import { describeLookalike, findLookalikeGroup, lookalikeAuditDetail, type LookalikeGroup } from './lookalike-group';
import type { Tx } from './mapping-tx';

export function lookalikeRefusal(f: LookalikeGroup): AppError {
  const message = describeLookalike(f);
  return new AppError('invalid_input', `The mapping was not saved: ${message}`, {
    fields: { idpGroup: message },
    detail: { lookalikeGroup: lookalikeAuditDetail(f) },
  });
}

/** The finding (to record in the audit event when confirmed), or null; throws a 422 when not confirmed. */
export async function checkLookalikeGroup(tx: Tx, opts: { group: string; exceptId?: string; confirmed: boolean }): Promise<LookalikeGroup | null> {
  const others = await tx.roleMapping.findMany({
    where: opts.exceptId === undefined ? {} : { id: { not: opts.exceptId } },
    select: { idpGroup: true },
    distinct: ['idpGroup'],
  });
  const f = findLookalikeGroup({ group: opts.group, otherGroups: others.map((o) => o.idpGroup) });
  if (f && !opts.confirmed) throw lookalikeRefusal(f);
  return f;
}
