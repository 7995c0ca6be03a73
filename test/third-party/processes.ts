// Child processes of the third-party IdP stack: a missing Debian package stops the run with the
// command that installs it (nothing is skipped); children are stopped with the stack.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export class MissingPackageError extends Error {
  constructor(what: string, pkg: string) {
    super(`${what} is missing: the third-party IdP tests need the Debian package "${pkg}". Install it with: sudo apt-get install -y ${pkg}  (CI: .ci/run installs it)`);
    this.name = 'MissingPackageError';
  }
}

export function requireCommand(command: string, pkg: string): void {
  if (spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status !== 0) throw new MissingPackageError(`the command "${command}"`, pkg);
}

/** PHP extensions by the Debian package that provides them. */
export function requirePhpModules(modules: Record<string, string>): void {
  const loaded = new Set((spawnSync('php', ['-m'], { encoding: 'utf8' }).stdout ?? '').split('\n').map((l) => l.trim().toLowerCase()));
  for (const [module, pkg] of Object.entries(modules)) if (!loaded.has(module.toLowerCase())) throw new MissingPackageError(`the PHP extension "${module}"`, pkg);
}

export function requirePath(file: string, pkg: string): void {
  if (!existsSync(file)) throw new MissingPackageError(file, pkg);
}

export interface Child {
  process: ChildProcess;
  exited: boolean;
  stop(): Promise<void>;
}

export function startChild(opts: { name: string; command: string; args: string[]; env?: Record<string, string>; cwd?: string; log: (line: string) => void }): Child {
  const proc = spawn(opts.command, opts.args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const child: Child = {
    process: proc,
    exited: false,
    async stop() {
      if (child.exited) return;
      const done = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await done;
      clearTimeout(timer);
    },
  };
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') opts.log(`[${opts.name}] ${line}`);
  };
  proc.stdout?.on('data', forward);
  proc.stderr?.on('data', forward);
  proc.once('exit', (code, signal) => {
    child.exited = true;
    opts.log(`[${opts.name}] exited (${signal ?? code})`);
  });
  return child;
}

export async function waitForHttp(url: string, timeoutMs: number, child?: Child, ok: (status: number) => boolean = (s) => s < 500): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    if (child?.exited) throw new Error(`${url}: the process serving it exited`);
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
      if (ok(res.status)) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s (${last})`);
}
