// `npm run db:migrate`: applies prisma/migrations as the database's owner role, as a step of its
// own (the container's migration service, the Kubernetes migration Job). DATABASE_MIGRATION_URL
// names the owner; without it, DATABASE_URL. (Issue #13 owns the roles; this stays a thin caller.)
import { applyMigrations } from '../lib/db/migrate';

const url = process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('db:migrate needs DATABASE_MIGRATION_URL (the owner role) or DATABASE_URL.\n');
  process.exit(2);
}
applyMigrations({ databaseUrl: url, log: (m) => process.stdout.write(`[keyport] ${m}\n`) }).then(
  ({ applied }) => process.stdout.write(`[keyport] ${applied.length > 0 ? `applied ${applied.length} migration(s)` : 'database schema is up to date'}\n`),
  (e: unknown) => {
    process.stderr.write(`Keyport could not migrate the database: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
