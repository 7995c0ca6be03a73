import 'server-only';
// What every admin change of mappings shares: one lock so concurrent edits (and imports) apply
// one after another — the NFC duplicate check and import plans stay true until commit — the
// acting person as the audit log records them, and unique-violation mapping.
import type { Actor } from '@/lib/auth/actor';
import type { AuditActor } from '@/lib/audit/append-audit-event';
import type { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors/app-error';
import { accountLabelProblem } from './check-account-label';

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

/** The mapping that already grants this role to this group: named, with its id so the form can link it. */
export function duplicateError(idpGroup: string, roleArn: string, existing: { id: string; roleLabel: string }): AppError {
  return new AppError('conflict', `Group “${idpGroup}” already has the role ${roleArn}, through the mapping “${existing.roleLabel}”. Edit that mapping instead.`, {
    fields: { idpGroup: 'This group already has this role (see the existing mapping)', roleArn: 'This group already has this role (see the existing mapping)' },
    detail: { existingMapping: { id: existing.id, roleLabel: existing.roleLabel, idpGroup, roleArn } },
  });
}

/** Refuses a second name for an account, or a new account under another's name (check-account-label.ts). */
export async function assertAccountLabel(tx: Tx, m: { accountId: string; accountLabel: string }): Promise<void> {
  const accounts = await tx.awsAccount.findMany({ where: { OR: [{ id: m.accountId }, { label: m.accountLabel }] }, select: { id: true, label: true } });
  const problem = accountLabelProblem(m, accounts);
  if (problem) throw new AppError('conflict', problem, { fields: { accountLabel: problem } });
}

export function invalidMapping(fields: Record<string, string>): AppError {
  const list = Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ');
  return new AppError('invalid_input', `The mapping was not saved: ${list}`, { fields });
}

/** Refuses ids that are not UUIDs before they reach the database (which would fail on the cast). */
export function assertMappingId(id: string): void {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new AppError('not_found', 'No such mapping.');
}

/** The mapping of the same (NFC) group to this role, other than `exceptId`, if there is one. */
export async function findDuplicate(tx: Tx, m: { idpGroup: string; roleArn: string }, exceptId?: string): Promise<{ id: string; roleLabel: string } | null> {
  const sameRole = await tx.roleMapping.findMany({ where: { roleArn: m.roleArn }, select: { id: true, idpGroup: true, roleLabel: true } });
  const group = m.idpGroup.normalize('NFC');
  const found = sameRole.find((r) => r.id !== exceptId && r.idpGroup.normalize('NFC') === group);
  return found ? { id: found.id, roleLabel: found.roleLabel } : null;
}
