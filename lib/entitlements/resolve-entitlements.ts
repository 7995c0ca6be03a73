// Pure: which roles a person may assume, from their groups and the mappings. A mapping applies
// when it is enabled, serves the person's IdP kind, and its group equals one of theirs after
// Unicode NFC normalisation (exact, case-sensitive: IdP group names are identifiers).
export type IdpKindValue = 'OIDC' | 'SAML' | 'BOTH';

export interface MappingForEntitlement {
  id: string;
  idpGroup: string;
  idpKind: IdpKindValue;
  roleArn: string;
  enabled: boolean;
  maxDurationSeconds: number;
}

export interface Entitlement<M extends MappingForEntitlement> {
  roleArn: string;
  /** The mapping Keyport uses for this role: the most generous of those that apply. */
  mapping: M;
  /** Every group of the person that grants this role. */
  viaGroups: string[];
}

export function servesIdp(mappingKind: IdpKindValue, personKind: 'OIDC' | 'SAML'): boolean {
  return mappingKind === 'BOTH' || mappingKind === personKind;
}

export function resolveEntitlements<M extends MappingForEntitlement>(opts: {
  groups: readonly string[];
  idpKind: 'OIDC' | 'SAML';
  mappings: readonly M[];
}): Entitlement<M>[] {
  const groups = new Set(opts.groups.map((g) => g.normalize('NFC')));
  const byRole = new Map<string, Entitlement<M>>();
  for (const m of opts.mappings) {
    if (!m.enabled || !servesIdp(m.idpKind, opts.idpKind)) continue;
    const group = m.idpGroup.normalize('NFC');
    if (!groups.has(group)) continue;
    const current = byRole.get(m.roleArn);
    if (!current) {
      byRole.set(m.roleArn, { roleArn: m.roleArn, mapping: m, viaGroups: [m.idpGroup] });
      continue;
    }
    current.viaGroups.push(m.idpGroup);
    const better =
      m.maxDurationSeconds > current.mapping.maxDurationSeconds ||
      (m.maxDurationSeconds === current.mapping.maxDurationSeconds && m.id < current.mapping.id);
    if (better) current.mapping = m;
  }
  return [...byRole.values()];
}

/** The entitlement a request names, if the person holds it: the mapping id must be one that applies. */
export function findEntitlement<M extends MappingForEntitlement>(entitlements: readonly Entitlement<M>[], mappingId: string): Entitlement<M> | undefined {
  return entitlements.find((e) => e.mapping.id === mappingId);
}
