// CPU time used by each kind of process on this machine, from /proc (Linux; elsewhere nothing),
// so part 2 can say where an issuance's CPU goes: the portal (its workers and their primary), PostgreSQL, this
// bench process (the clients), and the other Node processes (the sandbox IdPs and AWS).
import { readdirSync, readFileSync } from 'node:fs';

export type CpuByKind = Map<string, number>;

const TICKS_PER_SECOND = 100;

function kindOf(pid: number, comm: string): string | null {
  if (pid === process.pid) return 'bench clients';
  if (comm.startsWith('next-server') || comm === 'keyport-portal') return 'portal (workers)';
  if (comm === 'keyport-primary') return 'portal primary (cluster)';
  if (comm === 'postgres') return 'PostgreSQL';
  if (comm === 'node' || comm === 'MainThread') return 'sandbox IdPs and AWS (node)';
  return null;
}

/**
 * Seconds of CPU (user + system) used so far by the live processes of each kind — only this
 * process and its descendants (the bench's own sandbox): on a shared machine other people's
 * PostgreSQL, Next.js and Node processes would otherwise be counted as the bench's.
 */
export function cpuByKind(): CpuByKind {
  const out: CpuByKind = new Map();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  const procs = new Map<number, { ppid: number; comm: string; seconds: number }>();
  for (const p of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // comm is in parentheses and may contain spaces; the fields after it are space-separated.
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(open + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    procs.set(Number(p), { ppid: Number(fields[1]), comm, seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND });
  }
  const ours = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
      if (p === process.pid) return true;
      const next = procs.get(p)?.ppid;
      if (next === undefined) return false;
      p = next;
    }
    return false;
  };
  for (const [pid, proc] of procs) {
    const kind = kindOf(pid, proc.comm);
    if (!kind || !ours(pid)) continue;
    out.set(kind, (out.get(kind) ?? 0) + proc.seconds);
  }
  return out;
}

/** What each kind used between two readings (processes that ended in between are not counted). */
export function cpuUsedBetween(before: CpuByKind, after: CpuByKind): CpuByKind {
  const out: CpuByKind = new Map();
  for (const [k, v] of after) out.set(k, Math.max(0, v - (before.get(k) ?? 0)));
  return out;
}
