import 'server-only';
// Imports a mappings document: every row is validated first; the changes are shown (dry run) and
// then applied all or nothing in one transaction, audited there as MAPPINGS_IMPORTED. "Apply"
// names the plan it was shown (its digest), so a change made meanwhile is refused, not overwritten.
// A row that creates a mapping of a lookalike group is refused like an invalid row unless the
// import confirms lookalike groups; the confirmed rows are recorded in the audit event.
import type { Actor } from '@/lib/auth/actor';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import type { Db } from '@/lib/db/create-client';
import { accountLabelProblems } from './check-account-label';
import { AppError } from '@/lib/errors/app-error';
import { diffAccess, type AccessDiff, type SeenPerson } from './diff-access';
import { describeLookalike, findLookalikeGroups, lookalikeAuditDetail, lookalikeBadge, type LookalikeGroup } from './lookalike-group';
import { parseMappingDocument, toExportedMapping, type ExportedMapping } from './mapping-document';
import { auditActorOf, changedBy, lockMappings, type Tx } from './mapping-tx';
import { mappingSelect } from './mapping-view';
import { isEmptyPlan, mappingKey, planDigest, planImport, type CurrentMapping, type ImportMode, type ImportPlan } from './plan-import';
import type { MappingData } from './validate-mapping';

export interface ImportSummary {
  mode: ImportMode;
  digest: string;
  applied: boolean;
  create: ExportedMapping[];
  update: Array<{ id: string; changedFields: string[]; before: ExportedMapping; after: ExportedMapping }>;
  delete: Array<ExportedMapping & { id: string }>;
  unchanged: number;
  access: AccessDiff;
  /** Rows creating a mapping of a lookalike group (the import confirmed them, or it was refused). */
  lookalikeGroups: Array<{ row: number; idpGroup: string; roleArn: string; warning: string }>;
}

interface LookalikeRow {
  row: number;
  mapping: MappingData;
  finding: LookalikeGroup;
}

/**
 * The rows that would create a mapping whose group mixes scripts or is confusable with another
 * group present after the import (the file's groups, and in merge mode the groups kept in the
 * database). Rows of mappings that exist already keep their group, as an edit of other fields does.
 */
function lookalikeRows(current: readonly CurrentMapping[], incoming: readonly MappingData[], mode: ImportMode): LookalikeRow[] {
  const existing = new Set(current.map(mappingKey));
  const findings = findLookalikeGroups([...incoming.map((m) => m.idpGroup), ...(mode === 'merge' ? current.map((m) => m.idpGroup) : [])]);
  return incoming.flatMap((mapping, i) => {
    const finding = existing.has(mappingKey(mapping)) ? undefined : findings.get(mapping.idpGroup.normalize('NFC'));
    return finding ? [{ row: i + 1, mapping, finding }] : [];
  });
}

function assertLookalikesConfirmed(rows: readonly LookalikeRow[], confirmed: boolean): void {
  if (rows.length === 0 || confirmed) return;
  const errors = rows.map((r) => ({ row: r.row, idpGroup: r.mapping.idpGroup, roleArn: r.mapping.roleArn, fields: { idpGroup: describeLookalike(r.finding) } }));
  const shown = errors.slice(0, 5).map((e) => `row ${e.row} (${e.idpGroup} → ${e.roleArn}): ${e.fields.idpGroup}`).join(' | ');
  throw new AppError('invalid_input', `Nothing was imported: ${rows.length} ${rows.length === 1 ? 'row has' : 'rows have'} a lookalike group — ${shown}${rows.length > 5 ? ' | …' : ''}`, {
    fields: Object.fromEntries(errors.map((e) => [`row ${e.row}`, `idpGroup: ${e.fields.idpGroup}`])),
    detail: { rows: errors, lookalikeGroups: true },
  });
}

/** One account, one name, across the file and the accounts Keyport knows (check-account-label.ts). */
async function assertImportAccounts(db: Db | Tx, rows: readonly { accountId: string; accountLabel: string }[]): Promise<void> {
  const accounts = await db.awsAccount.findMany({ select: { id: true, label: true } });
  const problems = accountLabelProblems(rows, accounts);
  if (problems.size === 0) return;
  const list = [...problems.entries()].map(([i, message]) => ({ row: i + 1, fields: { accountLabel: message } }));
  throw new AppError('invalid_input', `Nothing was imported: ${list.length === 1 ? 'one row names' : `${list.length} rows name`} an account differently from Keyport. ${list.map((r) => `Row ${r.row}: ${r.fields.accountLabel}`).join(' ')}`, {
    fields: Object.fromEntries(list.map((r) => [`row ${r.row}`, `accountLabel: ${r.fields.accountLabel}`])),
    detail: { rows: list },
  });
}

async function currentMappings(db: Db | Tx): Promise<CurrentMapping[]> {
  const rows = await db.roleMapping.findMany({ select: mappingSelect });
  return rows.map(({ createdAt: _c, updatedAt: _u, createdBy: _cb, updatedBy: _ub, ...m }) => m);
}

function summarise(plan: ImportPlan, mode: ImportMode, applied: boolean, current: CurrentMapping[], people: SeenPerson[], lookalikes: readonly LookalikeRow[]): ImportSummary {
  const deleted = new Set(plan.delete.map((d) => d.id));
  const updated = new Map(plan.update.map((u) => [u.id, u.after]));
  const after = [
    ...current.filter((m) => !deleted.has(m.id)).map((m) => ({ ...m, ...(updated.get(m.id) ?? {}) })),
    ...plan.create.map((m, i) => ({ ...m, id: `new-${i}` })),
  ];
  return {
    mode,
    digest: planDigest(plan),
    applied,
    create: plan.create.map(toExportedMapping),
    update: plan.update.map((u) => ({ id: u.id, changedFields: u.changedFields, before: toExportedMapping(u.before), after: toExportedMapping(u.after) })),
    delete: plan.delete.map((d) => ({ id: d.id, ...toExportedMapping(d) })),
    unchanged: plan.unchanged,
    access: diffAccess({ before: current, after, people }),
    lookalikeGroups: lookalikes.map((r) => ({ row: r.row, idpGroup: r.mapping.idpGroup, roleArn: r.mapping.roleArn, warning: lookalikeBadge(r.finding) })),
  };
}

export async function importMappings(opts: {
  db: Db;
  actor: Actor;
  document: unknown;
  mode: ImportMode;
  apply: boolean;
  expectedDigest?: string;
  people: SeenPerson[];
  /** The admin saw the lookalike warnings of this file's rows and imports them anyway. */
  confirmLookalikeGroups?: boolean;
  requestId?: string;
}): Promise<ImportSummary> {
  const confirmed = opts.confirmLookalikeGroups === true;
  const parsed = parseMappingDocument(opts.document);
  if (!parsed.ok) {
    const fields = Object.fromEntries(parsed.rows.map((r) => [`row ${r.row}`, Object.entries(r.fields).map(([k, v]) => `${k}: ${v}`).join('; ')]));
    throw new AppError('invalid_input', parsed.message, { fields, detail: { rows: parsed.rows } });
  }
  await assertImportAccounts(opts.db, parsed.mappings);
  if (!opts.apply) {
    const current = await currentMappings(opts.db);
    const lookalikes = lookalikeRows(current, parsed.mappings, opts.mode);
    assertLookalikesConfirmed(lookalikes, confirmed);
    return summarise(planImport({ current, incoming: parsed.mappings, mode: opts.mode }), opts.mode, false, current, opts.people, lookalikes);
  }
  if (!opts.expectedDigest) throw new AppError('invalid_input', 'Preview the import first, then apply the changes you were shown.');
  return opts.db.$transaction(
    async (tx) => {
      await lockMappings(tx);
      await assertImportAccounts(tx, parsed.mappings);
      const current = await currentMappings(tx);
      const plan = planImport({ current, incoming: parsed.mappings, mode: opts.mode });
      const lookalikes = lookalikeRows(current, parsed.mappings, opts.mode);
      assertLookalikesConfirmed(lookalikes, confirmed);
      if (planDigest(plan) !== opts.expectedDigest) {
        throw new AppError('conflict', 'The mappings changed since you previewed this import. Preview it again to see the changes it would make now.');
      }
      if (isEmptyPlan(plan)) return summarise(plan, opts.mode, true, current, opts.people, lookalikes);
      const by = changedBy(opts.actor);
      if (plan.delete.length > 0) await tx.roleMapping.deleteMany({ where: { id: { in: plan.delete.map((d) => d.id) } } });
      for (const u of plan.update) await tx.roleMapping.update({ where: { id: u.id }, data: { ...u.after, updatedBy: by } });
      if (plan.create.length > 0) await tx.roleMapping.createMany({ data: plan.create.map((m) => ({ ...m, createdBy: by, updatedBy: by })) });
      const summary = summarise(plan, opts.mode, true, current, opts.people, lookalikes);
      await appendAuditEvent(tx, {
        type: 'MAPPINGS_IMPORTED',
        actor: auditActorOf(opts.actor),
        outcome: 'success',
        requestId: opts.requestId,
        details: {
          mode: opts.mode,
          digest: summary.digest,
          counts: { created: plan.create.length, updated: plan.update.length, deleted: plan.delete.length, unchanged: plan.unchanged },
          created: summary.create,
          updated: summary.update,
          deleted: summary.delete,
          ...(lookalikes.length > 0 ? { confirmedLookalikeGroups: lookalikes.map((r) => ({ row: r.row, roleArn: r.mapping.roleArn, ...lookalikeAuditDetail(r.finding) })) } : {}),
        },
      });
      return summary;
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
