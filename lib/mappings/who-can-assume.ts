// "This role → who": the groups whose mappings grant a role, and the people last seen with one of
// them. Pure; the same entitlement rule as issuance (resolveEntitlements), so the answer is what
// Keyport would do, not a second reading of the mappings.
import { resolveEntitlements, type MappingForEntitlement } from '@/lib/entitlements/resolve-entitlements';
import type { SeenPerson } from './diff-access';

export interface RoleGroupGrant {
  mappingId: string;
  group: string;
  idpKind: 'OIDC' | 'SAML' | 'BOTH';
  enabled: boolean;
}

export interface RolePerson {
  sub: string;
  email: string | null;
  name: string | null;
  idpKind: 'OIDC' | 'SAML';
  lastSeenAt: string;
  /** Their groups that grant the role. */
  viaGroups: string[];
}

export interface WhoCanAssume {
  roleArn: string;
  groups: RoleGroupGrant[];
  people: RolePerson[];
}

export function whoCanAssume<M extends MappingForEntitlement>(opts: { roleArn: string; mappings: readonly M[]; people: readonly SeenPerson[] }): WhoCanAssume {
  const forRole = opts.mappings.filter((m) => m.roleArn === opts.roleArn);
  const groups = forRole
    .map((m) => ({ mappingId: m.id, group: m.idpGroup, idpKind: m.idpKind, enabled: m.enabled }))
    .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  const people: RolePerson[] = [];
  for (const p of opts.people) {
    const grant = resolveEntitlements({ groups: p.groups, idpKind: p.idpKind, mappings: forRole }).find((e) => e.roleArn === opts.roleArn);
    if (grant) people.push({ sub: p.sub, email: p.email, name: p.name, idpKind: p.idpKind, lastSeenAt: p.lastSeenAt, viaGroups: grant.viaGroups });
  }
  people.sort((a, b) => (a.lastSeenAt < b.lastSeenAt ? 1 : a.lastSeenAt > b.lastSeenAt ? -1 : 0));
  return { roleArn: opts.roleArn, groups, people };
}
