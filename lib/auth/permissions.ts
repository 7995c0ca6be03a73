// The declarative permission table: app role → resource → actions. Every page, route handler and
// server action names one (resource, action) pair; anything not listed here is denied.
export type AppRole = 'employee' | 'auditor' | 'admin';

export const PERMISSIONS = {
  employee: {
    catalog: ['read'],
    credentials: ['issue'],
    'own-history': ['read'],
    // Decoding an authorization failure message: anyone, for a session Keyport issued to them
    // (reviewers, with audit:read, for anyone's) — lib/decode checks whose it is.
    'authz-messages': ['decode'],
  },
  auditor: {
    catalog: ['read'],
    credentials: ['issue'],
    'own-history': ['read'],
    'authz-messages': ['decode'],
    audit: ['read', 'export', 'verify'],
    revocations: ['read', 'create', 'lift'],
  },
  admin: {
    catalog: ['read'],
    credentials: ['issue'],
    'own-history': ['read'],
    'authz-messages': ['decode'],
    audit: ['read', 'export', 'verify'],
    revocations: ['read', 'create', 'lift'],
    mappings: ['read', 'create', 'update', 'delete', 'import', 'export'],
  },
} as const satisfies Record<AppRole, Record<string, readonly string[]>>;

type Table = typeof PERMISSIONS;
type ResourcesOf<R extends AppRole> = keyof Table[R];
export type Resource = { [R in AppRole]: ResourcesOf<R> }[AppRole] & string;
export type Permission = {
  [R in AppRole]: { [K in keyof Table[R]]: Table[R][K] extends readonly (infer A)[] ? [K, A] : never }[keyof Table[R]];
}[AppRole];

/**
 * Everyone signed in is an employee; configured IdP groups add admin or auditor — except while a
 * person revocation of theirs is in force: a revoked person (an account taken over, say) keeps
 * only their own history, and cannot map roles, read others' audit or lift revocations.
 */
export function appRolesFor(groups: readonly string[], opts: { adminGroups: readonly string[]; auditorGroups: readonly string[]; revoked?: boolean }): AppRole[] {
  const has = (list: readonly string[]) => list.some((g) => groups.includes(g));
  const roles: AppRole[] = ['employee'];
  if (opts.revoked) return roles;
  if (has(opts.auditorGroups)) roles.push('auditor');
  if (has(opts.adminGroups)) roles.push('admin');
  return roles;
}

export function can(roles: readonly AppRole[], [resource, action]: Permission): boolean {
  return roles.some((role) => {
    const actions = (PERMISSIONS[role] as Record<string, readonly string[] | undefined>)[resource];
    return actions?.includes(action) ?? false;
  });
}
