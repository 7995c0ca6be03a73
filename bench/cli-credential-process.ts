// Part 7 · the keyport CLI's `credential-process`: the wall time of one call (a new Node process,
// as the AWS CLI and SDKs start it) with a warm cache and with a cold one, beside the wall time of
// `node -e ''` on the same machine. Goal: warm within 1.5× of bare Node start-up — the AWS CLI runs
// credential_process before every command, so its cost is paid on each. Cold: the cache emptied
// before each call, so Keyport issues (token check, the issuance pipeline, STS) every time.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cacheEntry, cachePrefix, writeCached } from '../cli/src/credential-cache.js';
import { openSecureStore } from '../cli/src/secure-store.js';
import type { ResultRow, Section } from './report';
import { verdict } from './report';
import { summarize } from './stats';

const CLI = path.resolve(import.meta.dirname, '../cli/bin/keyport.js');

function wallMs(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolve(ms);
      else reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.trim()}`));
    });
  });
}

async function series(runs: number, one: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  // One unmeasured run first: the file cache, not the first-ever start, is what is measured.
  await one();
  for (let i = 0; i < runs; i++) out.push(await one());
  return out;
}

/**
 * `keyport login --no-browser` approved with a portal session cookie, as the browser would: the
 * approval page's POST, then the loopback redirect. Leaves the CLI signed in in `configHome`.
 */
export async function signInCliWithCookie(opts: { portalUrl: string; cookie: string; configHome: string }): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'login', '--no-browser', '--url', opts.portalUrl], { env: { ...process.env, XDG_CONFIG_HOME: opts.configHome, KEYPORT_KEYCHAIN: 'off' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const done = new Promise<number | null>((resolve) => child.on('close', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      const m = /Open this URL to sign in: (\S+)\n/.exec(stderr);
      if (m?.[1]) resolve(m[1]);
    });
    void done.then(() => reject(new Error(`keyport login ended early: ${stderr}`)));
  });
  const params = Object.fromEntries(new URL(url).searchParams);
  const res = await fetch(`${opts.portalUrl}/api/cli/authorize`, { method: 'POST', headers: { cookie: opts.cookie, origin: new URL(opts.portalUrl).origin, 'content-type': 'application/json' }, body: JSON.stringify({ ...params, approve: true }) });
  if (!res.ok) throw new Error(`approval refused: HTTP ${res.status}`);
  const { redirectTo } = (await res.json()) as { redirectTo: string };
  await (await fetch(redirectTo)).arrayBuffer();
  if ((await done) !== 0) throw new Error(`keyport login failed: ${stderr}`);
}

async function interleaved(runs: number, arms: readonly (() => Promise<number>)[]): Promise<number[][]> {
  const out = arms.map(() => [] as number[]);
  for (const arm of arms) await arm();
  for (let i = 0; i < runs; i++) for (const [k, arm] of arms.entries()) out[k]?.push(await arm());
  return out;
}

export interface ColdSetup {
  /** Signs the CLI in at this portal with XDG_CONFIG_HOME = `configHome` (signInCliWithCookie). */
  signIn: (configHome: string) => Promise<void>;
  portalUrl: string;
  role: string;
}

export async function benchCliCredentialProcess(opts: { runs: number; cold?: ColdSetup }): Promise<Section> {
  const home = mkdtempSync(path.join(tmpdir(), 'keyport-bench-cli-'));
  const configDir = path.join(home, 'keyport');
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: home, KEYPORT_KEYCHAIN: 'off', NODE_OPTIONS: '' };
  try {
    // Warm: a cached entry an hour from expiry (no Keyport needed: the call must not reach it).
    const warmUrl = opts.cold?.portalUrl ?? 'http://127.0.0.1:9';
    const warmRole = opts.cold?.role ?? 'arn:aws:iam::111122223333:role/BenchWarm';
    const store = openSecureStore(configDir, env);
    const warmEntry = cacheEntry(warmUrl, { role: `${warmRole}#warm` });
    writeCached(store, warmEntry, { accessKeyId: 'ASIABENCHWARMCACHE00', secretAccessKey: 'c2VjcmV0', sessionToken: 'dG9rZW4=', expiration: new Date(Date.now() + 3600_000).toISOString(), region: 'us-east-1', assumedRoleArn: 'a', roleArn: warmRole });
    // Interleaved, so a change in the machine's load falls on both arms alike.
    const [bareRuns, warmRuns] = await interleaved(opts.runs, [() => wallMs(['-e', ''], env), () => wallMs([CLI, 'credential-process', '--role', `${warmRole}#warm`, '--url', warmUrl], env)]);
    const bare = summarize(bareRuns ?? []);
    const warm = summarize(warmRuns ?? []);

    const rows: ResultRow[] = [
      { benchmark: 'CLI credential-process', metric: "`node -e ''` wall time (median)", value: `${bare.p50.toFixed(1)} ms`, baseline: '—', ratio: '—', goal: 'baseline', verdict: 'n/a' },
      {
        benchmark: 'CLI credential-process',
        metric: 'warm cache: wall time of one call (median)',
        value: `${warm.p50.toFixed(1)} ms (p95 ${warm.p95.toFixed(1)})`,
        baseline: `${bare.p50.toFixed(1)} ms (node -e '')`,
        ratio: `${(warm.p50 / bare.p50).toFixed(2)}×`,
        goal: '≤ 1.5×',
        verdict: verdict(warm.p50 / bare.p50 <= 1.5),
      },
    ];
    const notes = [`${opts.runs} runs each, one process per call, the arms interleaved, after one unmeasured run of each; cached secrets in 0600 files (no keychain), as on this machine. The warm path (cli/src/fast-credential-process.js) parses with Node's util.parseArgs and reads the cache; commander and the HTTP client load only on a miss.`];

    if (opts.cold) {
      await opts.cold.signIn(home);
      const cold = summarize(
        await series(opts.runs, () => {
          store.deletePrefix(cachePrefix(opts.cold?.portalUrl ?? ''));
          return wallMs([CLI, 'credential-process', '--role', opts.cold?.role ?? '', '--url', opts.cold?.portalUrl ?? ''], env);
        }),
      );
      rows.push({
        benchmark: 'CLI credential-process',
        metric: 'cold cache: wall time of one call (median; Keyport issues)',
        value: `${cold.p50.toFixed(1)} ms (p95 ${cold.p95.toFixed(1)})`,
        baseline: `${bare.p50.toFixed(1)} ms (node -e '')`,
        ratio: `${(cold.p50 / bare.p50).toFixed(2)}×`,
        goal: 'report',
        verdict: 'n/a',
      });
      notes.push('Cold: the cache is emptied before each call, so each one is an issuance through the portal (bearer check, the pipeline with its audit records, the sandbox STS).');
    } else {
      notes.push('Cold: not measured (no portal in this run).');
    }
    return { title: '7 · keyport CLI credential-process', rows, notes };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
