// Pure: what importing a document would change. Mappings are matched by (group, role ARN); `merge`
// creates and updates, `replace` also deletes what the file does not list.
import { createHash } from 'node:crypto';
import { toExportedMapping, type ExportedMapping } from './mapping-document';
import { compareMappings } from './mapping-view';
import type { MappingData } from './validate-mapping';

export type ImportMode = 'merge' | 'replace';

export interface CurrentMapping extends MappingData {
  id: string;
}

export interface ImportPlan {
  create: MappingData[];
  update: Array<{ id: string; before: CurrentMapping; after: MappingData; changedFields: string[] }>;
  delete: CurrentMapping[];
  unchanged: number;
}

export function mappingKey(m: { idpGroup: string; roleArn: string }): string {
  return `${m.idpGroup.normalize('NFC')}\u0000${m.roleArn}`;
}

export function changedFields(before: MappingData, after: MappingData): string[] {
  const a = toExportedMapping(before) as unknown as Record<string, unknown>;
  const b = toExportedMapping(after) as unknown as Record<string, unknown>;
  return Object.keys(b).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

export function planImport(opts: { current: readonly CurrentMapping[]; incoming: readonly MappingData[]; mode: ImportMode }): ImportPlan {
  const byKey = new Map(opts.current.map((m) => [mappingKey(m), m]));
  const plan: ImportPlan = { create: [], update: [], delete: [], unchanged: 0 };
  const listed = new Set<string>();
  for (const m of opts.incoming) {
    const key = mappingKey(m);
    listed.add(key);
    const existing = byKey.get(key);
    if (!existing) {
      plan.create.push(m);
      continue;
    }
    const changed = changedFields(existing, m);
    if (changed.length === 0) plan.unchanged++;
    else plan.update.push({ id: existing.id, before: existing, after: m, changedFields: changed });
  }
  if (opts.mode === 'replace') plan.delete = opts.current.filter((m) => !listed.has(mappingKey(m)));
  plan.create.sort(compareMappings);
  plan.update.sort((x, y) => compareMappings(x.after, y.after));
  plan.delete.sort(compareMappings);
  return plan;
}

export function isEmptyPlan(plan: ImportPlan): boolean {
  return plan.create.length === 0 && plan.update.length === 0 && plan.delete.length === 0;
}

/** Identifies a plan, so "apply" can refuse when the mappings changed after the preview. */
export function planDigest(plan: ImportPlan): string {
  const canonical = {
    create: plan.create.map(toExportedMapping),
    update: plan.update.map((u) => ({ id: u.id, before: toExportedMapping(u.before), after: toExportedMapping(u.after) })),
    delete: plan.delete.map((d) => ({ id: d.id, ...toExportedMapping(d) })),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

export type { ExportedMapping };
