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

const ASCII = /^[\x00-\x7f]*$/;

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
    // Normalising every mapping's group dominated the cost (bench/RESULTS.md, part 4). A direct hit
    // needs no normalising (the set holds NFC strings), and NFC leaves ASCII unchanged, so only a
    // non-ASCII group that missed is normalised and looked up again.
    if (!groups.has(m.idpGroup) && (ASCII.test(m.idpGroup) || !groups.has(m.idpGroup.normalize('NFC')))) continue;
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
