// The machine a run measured: cores, memory, load, Node and PostgreSQL versions.
import os from 'node:os';
import pg from 'pg';
import type { MachineInfo } from './report';

export async function machineInfo(databaseUrl: string): Promise<MachineInfo> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let postgres = 'unknown';
  try {
    const r = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    postgres = r.rows[0]?.v ?? postgres;
  } finally {
    await client.end();
  }
  return {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 2 ** 30,
    loadAverage: os.loadavg(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres,
  };
}
