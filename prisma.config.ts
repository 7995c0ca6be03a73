// Prisma CLI configuration. The runtime reads DATABASE_URL through lib/config; this file only
// serves the CLI (`prisma generate`, and `prisma migrate deploy` where its engine is reachable).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/keyport' },
});
