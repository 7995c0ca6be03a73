// `npm run db:migrate`: applies the pending migrations and nothing else, for a deploy job that runs
// before the portal starts (then start the portal with KEYPORT_MIGRATE_ON_START=false): the
// container's migration service, the Kubernetes migration Job. Runs as the owner
// (DATABASE_MIGRATION_URL, else DATABASE_URL) and grants the runtime role of DATABASE_URL (creating
// it first with DATABASE_CREATE_RUNTIME_ROLE=true). With only DATABASE_MIGRATION_URL it migrates and
// says that no runtime role was granted. With neither, outside production, it migrates the
// sandbox's database as `npm start` would. Exit 0 when the schema is up to date, 1 when migrating
// failed, 2 when there is nothing to migrate to.
import { parseAuditSettings } from '../lib/config/audit-settings';
import { runtimeRoleFor, type RuntimeRole } from '../lib/db/database-roles';
import { applyMigrations } from '../lib/db/migrate';
import { SANDBOX_RUNTIME_ROLE, sandboxDatabaseUrls, sandboxSettings } from '../sandbox/settings';

const say = (m: string) => process.stdout.write(`db:migrate: ${m}\n`);

async function main(): Promise<number> {
  const settings = parseAuditSettings(process.env);
  let databaseUrl = process.env.DATABASE_URL;
  let migrationUrl = settings.databaseMigrationUrl ?? databaseUrl;
  let runtimeRole: RuntimeRole | null = null;
  if (!migrationUrl) {
    if (process.env.NODE_ENV === 'production') {
      process.stderr.write('db:migrate needs DATABASE_MIGRATION_URL (the owner role) or DATABASE_URL.\n');
      return 2;
    }
    const urls = sandboxDatabaseUrls(process.env, sandboxSettings(process.env));
    databaseUrl = urls.databaseUrl;
    migrationUrl = urls.databaseMigrationUrl;
    runtimeRole = SANDBOX_RUNTIME_ROLE;
    say('no DATABASE_URL; migrating the sandbox database');
  } else if (!databaseUrl) {
    say('no DATABASE_URL, so no runtime role is granted: give this job DATABASE_URL (the portal\'s role) as well to grant it');
  } else {
    runtimeRole = runtimeRoleFor({ databaseUrl, migrationUrl, createRole: settings.createRuntimeRole });
    if (!runtimeRole) say('the portal and the migrations share one database role (set DATABASE_MIGRATION_URL to separate them)');
  }
  const { applied } = await applyMigrations({ databaseUrl: migrationUrl, runtimeRole, log: say });
  say(applied.length > 0 ? `applied ${applied.length} migration(s)` : 'the database schema is up to date');
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
