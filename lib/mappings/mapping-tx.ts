import 'server-only';
// What every admin change of mappings shares: one lock so concurrent edits (and imports) apply
// one after another — the NFC duplicate check and import plans stay true until commit — the
// acting person as the audit log records them, and unique-violation mapping.
import type { Actor } from '@/lib/auth/actor';
import type { AuditActor } from '@/lib/audit/append-audit-event';
import type { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors/app-error';

export type Tx = Prisma.TransactionClient;

export async function lockMappings(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('keyport:role_mappings', 0))`;
}

export function auditActorOf(actor: Actor): AuditActor {
  return { sub: actor.sub, email: actor.email, name: actor.name, groups: actor.groups, idpKind: actor.idpKind };
}

/** Who changed a row, as stored in created_by / updated_by. */
export function changedBy(actor: Actor): string {
  return actor.email ?? actor.username ?? actor.sub;
}

export function duplicateError(idpGroup: string, roleArn: string): AppError {
  return new AppError('conflict', `A mapping of group "${idpGroup}" to ${roleArn} already exists. Edit that one instead.`, {
    fields: { idpGroup: 'This group already maps to this role', roleArn: 'This group already maps to this role' },
  });
}

export function invalidMapping(fields: Record<string, string>): AppError {
  const list = Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ');
  return new AppError('invalid_input', `The mapping was not saved: ${list}`, { fields });
}

/** Refuses ids that are not UUIDs before they reach the database (which would fail on the cast). */
export function assertMappingId(id: string): void {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new AppError('not_found', 'No such mapping.');
}

/** The same (NFC) group already mapped to this role, other than `exceptId`? */
export async function findDuplicate(tx: Tx, m: { idpGroup: string; roleArn: string }, exceptId?: string): Promise<boolean> {
  const sameRole = await tx.roleMapping.findMany({ where: { roleArn: m.roleArn }, select: { id: true, idpGroup: true } });
  const group = m.idpGroup.normalize('NFC');
  return sameRole.some((r) => r.id !== exceptId && r.idpGroup.normalize('NFC') === group);
}
