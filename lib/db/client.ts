import 'server-only';
// The app's one Prisma client. Kept on globalThis so Next.js dev reloads reuse the pool.
import { getConfig } from '@/lib/config';
import { createPrismaClient, type Db } from './create-client';

const globalForDb = globalThis as unknown as { keyportDb?: Db };

export function getDb(): Db {
  globalForDb.keyportDb ??= createPrismaClient(getConfig().databaseUrl);
  return globalForDb.keyportDb;
}
