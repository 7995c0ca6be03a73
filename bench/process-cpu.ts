// CPU time used by each kind of process on this machine, from /proc (Linux; elsewhere nothing),
// so part 2 can say where an issuance's CPU goes: the portal (its workers and their primary), PostgreSQL, this
// bench process (the clients), and the other Node processes (the sandbox IdPs and AWS).
import { readdirSync, readFileSync } from 'node:fs';

export type CpuByKind = Map<string, number>;

const TICKS_PER_SECOND = 100;

function kindOf(pid: number, comm: string): string | null {
  if (pid === process.pid) return 'bench clients';
  if (comm.startsWith('next-server') || comm === 'keyport-portal') return 'portal (Next.js workers)';
  if (comm === 'keyport-primary') return 'portal primary (cluster)';
  if (comm === 'postgres') return 'PostgreSQL';
  if (comm === 'node' || comm === 'MainThread') return 'sandbox IdPs and AWS (node)';
  return null;
}

/** Seconds of CPU (user + system) used so far by the live processes of each kind. */
export function cpuByKind(): CpuByKind {
  const out: CpuByKind = new Map();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
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
    const kind = kindOf(Number(p), comm);
    if (!kind) continue;
    const ticks = Number(fields[11]) + Number(fields[12]);
    out.set(kind, (out.get(kind) ?? 0) + ticks / TICKS_PER_SECOND);
  }
  return out;
}

/** What each kind used between two readings (processes that ended in between are not counted). */
export function cpuUsedBetween(before: CpuByKind, after: CpuByKind): CpuByKind {
  const out: CpuByKind = new Map();
  for (const [k, v] of after) out.set(k, Math.max(0, v - (before.get(k) ?? 0)));
  return out;
}
