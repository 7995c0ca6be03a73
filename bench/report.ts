// Pure: the benchmark results as a Markdown document (printed and written to bench/RESULTS.md).
export type Verdict = 'met' | 'missed' | 'n/a';

export interface ResultRow {
  benchmark: string;
  metric: string;
  value: string;
  baseline: string;
  ratio: string;
  goal: string;
  verdict: Verdict;
}

export interface Section {
  title: string;
  rows: ResultRow[];
  notes: string[];
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  loadAverage: number[];
  os: string;
  node: string;
  postgres: string;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${header.map(cell).join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const r of rows) {
    if (r.length !== header.length) throw new Error(`a row has ${r.length} cells, the header ${header.length}`);
    lines.push(`| ${r.map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

const MARK: Record<Verdict, string> = { met: '✅ met', missed: '❌ missed', 'n/a': '—' };

export function renderReport(opts: { startedAt: Date; durationSeconds: number; machine: MachineInfo; parameters: Record<string, string | number>; sections: readonly Section[]; preamble?: string[] }): string {
  const m = opts.machine;
  const out: string[] = [];
  out.push('# Keyport benchmarks', '');
  out.push(`Run ${opts.startedAt.toISOString()} · ${opts.durationSeconds.toFixed(0)} s · \`npm run bench\``, '');
  for (const p of opts.preamble ?? []) out.push(p);
  if (opts.preamble?.length) out.push('');
  out.push('## Machine', '');
  out.push(
    markdownTable(
      ['cores', 'CPU', 'memory', 'load average at start (1/5/15 min)', 'OS', 'Node', 'PostgreSQL'],
      [[String(m.cpus), m.cpuModel, `${m.memoryGiB.toFixed(1)} GiB`, m.loadAverage.map((x) => x.toFixed(2)).join(' / '), m.os, m.node, m.postgres]],
    ),
    '',
  );
  out.push('## Parameters', '');
  out.push(markdownTable(['parameter', 'value'], Object.entries(opts.parameters).map(([k, v]) => [k, String(v)])), '');
  out.push('## Summary', '');
  const all = opts.sections.flatMap((s) => s.rows);
  out.push(markdownTable(['benchmark', 'metric', 'value', 'baseline (same run)', 'ratio', 'goal', 'verdict'], all.map((r) => [r.benchmark, r.metric, r.value, r.baseline, r.ratio, r.goal, MARK[r.verdict]])), '');
  for (const s of opts.sections) {
    out.push(`## ${s.title}`, '');
    out.push(markdownTable(['metric', 'value', 'baseline', 'ratio', 'goal', 'verdict'], s.rows.map((r) => [r.metric, r.value, r.baseline, r.ratio, r.goal, MARK[r.verdict]])), '');
    for (const n of s.notes) out.push(`- ${n}`);
    if (s.notes.length) out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function verdict(ok: boolean | undefined): Verdict {
  return ok === undefined ? 'n/a' : ok ? 'met' : 'missed';
}
