// Pure: whose access a change of mappings adds or removes. Per group (which roles a member of the
// group gains or loses through it) and per person last seen with a set of groups (the roles they
// would gain or lose overall, other groups considered).
import { resolveEntitlements, type IdpKindValue, type MappingForEntitlement } from '@/lib/entitlements/resolve-entitlements';

export interface SeenPerson {
  sub: string;
  email: string | null;
  name: string | null;
  groups: string[];
  idpKind: 'OIDC' | 'SAML';
  lastSeenAt: string;
}

export interface GroupAccessChange {
  group: string;
  added: string[];
  removed: string[];
}

export interface PersonAccessChange {
  sub: string;
  email: string | null;
  name: string | null;
  lastSeenAt: string;
  added: string[];
  removed: string[];
}

export interface AccessDiff {
  groups: GroupAccessChange[];
  people: PersonAccessChange[];
}

type M = MappingForEntitlement & { idpKind: IdpKindValue };

function rolesOfGroup(mappings: readonly M[], group: string): Set<string> {
  return new Set(mappings.filter((m) => m.enabled && m.idpGroup.normalize('NFC') === group).map((m) => m.roleArn));
}

function minus(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((x) => !b.has(x)).sort();
}

export function diffAccess(opts: { before: readonly M[]; after: readonly M[]; people: readonly SeenPerson[] }): AccessDiff {
  const groups = [...new Set([...opts.before, ...opts.after].map((m) => m.idpGroup.normalize('NFC')))].sort();
  const groupChanges: GroupAccessChange[] = [];
  for (const group of groups) {
    const b = rolesOfGroup(opts.before, group);
    const a = rolesOfGroup(opts.after, group);
    const added = minus(a, b);
    const removed = minus(b, a);
    if (added.length || removed.length) groupChanges.push({ group, added, removed });
  }
  const people: PersonAccessChange[] = [];
  for (const p of opts.people) {
    const roles = (ms: readonly M[]) => new Set(resolveEntitlements({ groups: p.groups, idpKind: p.idpKind, mappings: ms }).map((e) => e.roleArn));
    const b = roles(opts.before);
    const a = roles(opts.after);
    const added = minus(a, b);
    const removed = minus(b, a);
    if (added.length || removed.length) people.push({ sub: p.sub, email: p.email, name: p.name, lastSeenAt: p.lastSeenAt, added, removed });
  }
  people.sort((x, y) => (x.email ?? x.sub).localeCompare(y.email ?? y.sub));
  return { groups: groupChanges, people };
}
