// Child process of the export benchmark: exports every audit event since argv[3] as CSV through
// the application's exportAuditEvents, discards the bytes, and prints one JSON line with the
// row count, bytes, seconds, CPU seconds and peak RSS (VmHWM) of this process.
import { readFileSync } from 'node:fs';
import { exportAuditEvents } from '../lib/audit/export-audit-events';
import { createPrismaClient } from '../lib/db/create-client';

function rssMiB(field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
    if (m?.[1]) return Number(m[1]) / 1024;
  } catch {
    /* not Linux */
  }
  return process.memoryUsage().rss / 2 ** 20;
}

async function main(): Promise<void> {
  const [url, fromText] = process.argv.slice(2);
  if (!url || !fromText) throw new Error('usage: export-child.ts <databaseUrl> <fromIso>');
  const db = createPrismaClient(url, { max: 2 });
  await db.$queryRaw`SELECT 1`;
  const startRssMiB = rssMiB('VmRSS');
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let rows = 0;
  const stream = exportAuditEvents({ db, scope: { kind: 'everyone' }, filters: { from: new Date(fromText) }, format: 'csv', onDone: (n) => (rows = n) });
  let bytes = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await db.$disconnect();
  process.stdout.write(`${JSON.stringify({ rows, bytes, seconds, cpuSeconds, peakRssMiB: rssMiB('VmHWM'), startRssMiB })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
