import 'server-only';
// "Who gets what": the roles a set of groups would get now, and whose access a proposed change
// (create, update, disable/enable, delete) would add or remove — computed from the mappings in
// the database and the people last seen in the audit log, changing nothing.
import { resolveEntitlements } from '@/lib/entitlements/resolve-entitlements';
import type { Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import { diffAccess, type AccessDiff } from './diff-access';
import { assertMappingId, invalidMapping } from './mapping-tx';
import { validateMapping } from './validate-mapping';

export type ProposedChange =
  | { kind: 'create'; input: unknown }
  | { kind: 'update'; id: string; input: unknown }
  | { kind: 'enable' | 'disable' | 'delete'; id: string };

const accessSelect = { id: true, idpGroup: true, idpKind: true, roleArn: true, enabled: true, maxDurationSeconds: true, roleLabel: true, accountLabel: true, accountId: true } as const;

export interface RoleGrant {
  mappingId: string;
  roleArn: string;
  roleLabel: string;
  accountLabel: string;
  accountId: string;
  maxDurationSeconds: number;
  viaGroups: string[];
}

export async function rolesForGroups(opts: { db: Db; groups: string[]; idpKind: 'OIDC' | 'SAML' }): Promise<RoleGrant[]> {
  const mappings = await opts.db.roleMapping.findMany({ where: { enabled: true }, select: accessSelect });
  return resolveEntitlements({ groups: opts.groups, idpKind: opts.idpKind, mappings })
    .map((e) => ({
      mappingId: e.mapping.id,
      roleArn: e.roleArn,
      roleLabel: e.mapping.roleLabel,
      accountLabel: e.mapping.accountLabel,
      accountId: e.mapping.accountId,
      maxDurationSeconds: e.mapping.maxDurationSeconds,
      viaGroups: e.viaGroups,
    }))
    .sort((a, b) => a.accountLabel.localeCompare(b.accountLabel) || a.roleLabel.localeCompare(b.roleLabel));
}

export async function previewChange(opts: { db: Db; change: ProposedChange; people: Parameters<typeof diffAccess>[0]['people'] }): Promise<AccessDiff> {
  const before = await opts.db.roleMapping.findMany({ select: accessSelect });
  const { change } = opts;
  let after = before;
  if (change.kind === 'create' || change.kind === 'update') {
    const v = validateMapping(change.input);
    if (!v.ok) throw invalidMapping(v.fields);
    const next = { ...v.value, id: change.kind === 'update' ? change.id : 'proposed' };
    if (change.kind === 'update') {
      assertMappingId(change.id);
      if (!before.some((m) => m.id === change.id)) throw new AppError('not_found', 'No such mapping (it may have been deleted).');
      // As in updateMapping: an edit that does not name `enabled` keeps the current status.
      const keeps = !(typeof change.input === 'object' && change.input !== null && 'enabled' in change.input);
      after = before.map((m) => (m.id === change.id ? { ...next, enabled: keeps ? m.enabled : next.enabled } : m));
    } else after = [...before, next];
  } else {
    assertMappingId(change.id);
    if (!before.some((m) => m.id === change.id)) throw new AppError('not_found', 'No such mapping (it may have been deleted).');
    after =
      change.kind === 'delete' ? before.filter((m) => m.id !== change.id) : before.map((m) => (m.id === change.id ? { ...m, enabled: change.kind === 'enable' } : m));
  }
  return diffAccess({ before, after, people: opts.people });
}
