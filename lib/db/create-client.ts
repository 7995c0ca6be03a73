// Builds a Prisma client over the `pg` driver adapter (no native query engine needed), on a pg
// pool that the few hottest statements of the issuance path also use directly (sqlPool): Prisma's
// per-call work in JavaScript (1–3 ms of CPU for an audit insert, against 0.2 ms through the
// driver; bench/FINDINGS.md) is most of what an issuance costs the portal.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';

export type Db = PrismaClient;

/** Where a client keeps its pool. Exported so tests can stand a failing pool in for it. */
export const SQL_POOL = Symbol.for('keyport.sqlPool');

/** What the hot path needs of the pool. */
export type SqlPool = Pick<pg.Pool, 'query'>;

export function createPrismaClient(databaseUrl: string, opts: { max?: number; connectionTimeoutMillis?: number } = {}): PrismaClient {
  // allowExitOnIdle: a script that never used Prisma (so never handed it the pool) still exits.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: opts.max ?? 10, connectionTimeoutMillis: opts.connectionTimeoutMillis ?? 5_000, allowExitOnIdle: true });
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  Object.defineProperty(client, SQL_POOL, { value: pool, configurable: true });
  return client;
}

/** The pg pool under a client made by createPrismaClient, for plain parameterised SQL. */
export function sqlPool(db: object): SqlPool {
  const pool = (db as Record<symbol, unknown>)[SQL_POOL] as SqlPool | undefined;
  if (typeof pool?.query !== 'function') throw new Error('this database client has no SQL pool; create it with createPrismaClient');
  return pool;
}

/** A connection of its own from that pool, for session-level advisory locks; release it after. */
export function sqlPoolConnection(db: object): Promise<pg.PoolClient> {
  const pool = sqlPool(db) as Partial<pg.Pool>;
  if (typeof pool.connect !== 'function') throw new Error('this database client\'s pool cannot hand out connections');
  return pool.connect();
}
