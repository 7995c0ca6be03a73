// Which role the portal runs as and which one migrates. Pure. DATABASE_URL is the runtime role;
// DATABASE_MIGRATION_URL the owner (defaults to DATABASE_URL: one role for small installs, which
// /api/ready reports as the weaker setup).
export interface RuntimeRole {
  name: string;
  /** Given only when the migration may create the role (DATABASE_CREATE_RUNTIME_ROLE=true). */
  password?: string;
}

function userOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/** The runtime role to grant (and maybe create), or null when both URLs name the same role. */
export function runtimeRoleFor(opts: { databaseUrl: string; migrationUrl: string; createRole: boolean }): RuntimeRole | null {
  const runtime = userOf(opts.databaseUrl);
  if (!runtime || runtime === userOf(opts.migrationUrl)) return null;
  const password = decodeURIComponent(new URL(opts.databaseUrl).password);
  return opts.createRole && password ? { name: runtime, password } : { name: runtime };
}
