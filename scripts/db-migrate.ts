// `npm run db:migrate`: applies the pending migrations and nothing else, for a deploy job that runs
// before the portal starts (then start the portal with KEYPORT_MIGRATE_ON_START=false). Runs as the
// owner (DATABASE_MIGRATION_URL, else DATABASE_URL) and grants the runtime role of DATABASE_URL
// (creating it first with DATABASE_CREATE_RUNTIME_ROLE=true). With neither URL set it migrates the
// sandbox's database, as `npm start` would. Exit 0 when the schema is up to date, 1 otherwise.
import { parseAuditSettings } from '../lib/config/audit-settings';
import { runtimeRoleFor, type RuntimeRole } from '../lib/db/database-roles';
import { applyMigrations } from '../lib/db/migrate';
import { SANDBOX_RUNTIME_ROLE, sandboxDatabaseUrls, sandboxSettings } from '../sandbox/settings';

async function main(): Promise<number> {
  const settings = parseAuditSettings(process.env);
  let databaseUrl = process.env.DATABASE_URL;
  let migrationUrl = settings.databaseMigrationUrl ?? databaseUrl;
  let runtimeRole: RuntimeRole | null = null;
  if (!databaseUrl || !migrationUrl) {
    if (migrationUrl) {
      process.stderr.write('db:migrate: DATABASE_MIGRATION_URL is set without DATABASE_URL (the runtime role to grant).\n');
      return 1;
    }
    const urls = sandboxDatabaseUrls(process.env, sandboxSettings(process.env));
    databaseUrl = urls.databaseUrl;
    migrationUrl = urls.databaseMigrationUrl;
    runtimeRole = SANDBOX_RUNTIME_ROLE;
    process.stdout.write('db:migrate: no DATABASE_URL; migrating the sandbox database\n');
  } else {
    runtimeRole = runtimeRoleFor({ databaseUrl, migrationUrl, createRole: settings.createRuntimeRole });
  }
  if (!runtimeRole) process.stdout.write('db:migrate: the portal and the migrations share one database role (set DATABASE_MIGRATION_URL to separate them)\n');
  const { applied } = await applyMigrations({ databaseUrl: migrationUrl, runtimeRole, log: (m) => process.stdout.write(`db:migrate: ${m}\n`) });
  process.stdout.write(applied.length > 0 ? `db:migrate: applied ${applied.length} migration(s)\n` : 'db:migrate: the schema is up to date\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    // The error names what failed; a connection URL never goes into it.
    process.stderr.write(`db:migrate failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
