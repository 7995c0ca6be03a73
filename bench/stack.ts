// The bench's own sandbox: the real `npm start` (scripts/start.ts) on ports offset by +60 from the
// defaults, a fresh data folder (.data/bench) and its own build folder, with the issuance rate limit
// raised so the limiter does not refuse the bench's own requests.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { embeddedDatabaseUrl, embeddedMigrationUrl, sandboxSettings, type SandboxSettings } from '../sandbox/settings';

export interface BenchStack {
  settings: SandboxSettings;
  portalUrl: string;
  /** The portal's runtime role. */
  databaseUrl: string;
  /** The owner (the embedded server's superuser): for creating databases and loading data. */
  databaseMigrationUrl: string;
  /** The portal's METRICS_TOKEN (random per start), for the scrape benchmark. */
  metricsToken: string;
  /** KEYPORT_WORKERS the portal runs with ('' = its default, one per CPU). */
  workers: string;
  stop(): Promise<void>;
}

/** BENCH_PORT_OFFSET (default 0) moves the ports and folders, so two benches can run side by side. */
export const BENCH_PORT_OFFSET = Number.parseInt(process.env.BENCH_PORT_OFFSET ?? '0', 10) || 0;
const port = (p: number) => String(p + BENCH_PORT_OFFSET);
const folder = (f: string) => (BENCH_PORT_OFFSET === 0 ? f : `${f}-${BENCH_PORT_OFFSET}`);

export const BENCH_ENV = {
  PORT: port(3160),
  SANDBOX_OIDC_PORT: port(4061),
  SANDBOX_AWS_PORT: port(4626),
  SANDBOX_SAML_PORT: port(4062),
  SANDBOX_PG_PORT: port(5493),
  KEYPORT_DATA_DIR: folder('.data/bench'),
  NEXT_DIST_DIR: folder('.data/next-bench'),
  ISSUE_RATE_LIMIT_PER_HOUR: '100000',
  NEXT_TELEMETRY_DISABLED: '1',
  LOG_LEVEL: 'warn',
} as const;

/** The local audit collector the portal delivers to during the bench (BENCH_SINK=0: no sink). */
export const BENCH_SINK_PORT = 4690 + BENCH_PORT_OFFSET;
export const BENCH_SINK = process.env.BENCH_SINK !== '0';

export async function startBenchStack(opts: { root: string; log: (m: string) => void; startTimeoutMs?: number; workers?: number; keepData?: boolean }): Promise<BenchStack> {
  const dataDir = path.resolve(opts.root, BENCH_ENV.KEYPORT_DATA_DIR);
  // keepData: a restart of the same sandbox (another worker count), its database and keys kept.
  if (!opts.keepData) rmSync(dataDir, { recursive: true, force: true });
  // Only the IdP/DB settings come from the environment: a configured IdP would switch the sandbox off.
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    ...BENCH_ENV,
    AUDIT_SINKS: BENCH_SINK ? 'http' : '',
    METRICS_TOKEN: randomBytes(24).toString('base64url'),
    AUDIT_SINK_HTTP_URL: `http://127.0.0.1:${BENCH_SINK_PORT}/collect`,
  };
  // For diagnosis, e.g. BENCH_NODE_OPTIONS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles every process of the stack.
  if (process.env.BENCH_NODE_OPTIONS) env.NODE_OPTIONS = process.env.BENCH_NODE_OPTIONS;
  // BENCH_PORTAL_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof': the portal's processes only (Node 20 refuses --cpu-prof in NODE_OPTIONS).
  if (process.env.BENCH_PORTAL_NODE_ARGS) env.KEYPORT_PORTAL_NODE_ARGS = process.env.BENCH_PORTAL_NODE_ARGS;
  // BENCH_WORKERS / opts.workers: the portal's KEYPORT_WORKERS (default: one per CPU, as in production).
  const workers = opts.workers ?? process.env.BENCH_WORKERS;
  if (workers) env.KEYPORT_WORKERS = String(workers);
  const settings = sandboxSettings(env, opts.root);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: opts.root, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // The whole output of the stack (portal logs included) stays in .data/bench/stack.log for diagnosis.
  mkdirSync(dataDir, { recursive: true });
  const logFile = createWriteStream(path.join(dataDir, 'stack.log'), { flags: opts.keepData ? 'a' : 'w' });
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
    logFile.write(b);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    stopOrphanedPostgres(path.join(dataDir, 'pg'));
  };
  const until = Date.now() + (opts.startTimeoutMs ?? 900_000);
  let lastSay = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bench sandbox exited (code ${child.exitCode}):\n${output}`);
    if (Date.now() > until) {
      await stop();
      throw new Error(`the bench sandbox did not become ready in time:\n${output}`);
    }
    try {
      const res = await fetch(`${settings.portalUrl}/api/ready`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() - lastSay > 30_000) {
      lastSay = Date.now();
      const tail = output.trim().split('\n').pop() ?? '';
      opts.log(`waiting for the bench sandbox (${tail.slice(0, 120)})`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { settings, portalUrl: settings.portalUrl, databaseUrl: embeddedDatabaseUrl(settings), databaseMigrationUrl: embeddedMigrationUrl(settings), metricsToken: env.METRICS_TOKEN ?? '', workers: env.KEYPORT_WORKERS ?? '', stop };
}

/** If our embedded PostgreSQL outlived the stack (its parent killed hard), ends it by its pid. */
function stopOrphanedPostgres(pgDir: string): void {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 1) return;
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmd.includes('postgres') && cmd.includes(pgDir)) process.kill(pid, 'SIGINT');
  } catch {
    /* already gone */
  }
}
