import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { startEmbeddedPostgres } from '../lib/db/embedded-postgres';
import { exportCopySql, exportRowSql } from '../lib/audit/export-sql';
import { CopyBinaryLines } from '../lib/audit/copy-binary-lines';
import { csvCell } from '../lib/audit/csv';
async function main() {
  const db = await startEmbeddedPostgres({ dataDir: '/work/wt-18/.data/bench-18000/pg', port: 23493, database: 'keyport' });
  const url = process.argv[2]!;
  try {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const cut = (await c.query("SELECT occurred_at AS t FROM audit_events ORDER BY occurred_at DESC OFFSET 999999 LIMIT 1")).rows[0].t as Date;
    const sql = exportCopySql({ format: 'csv', scope: { kind: 'everyone' }, filters: { from: cut }, person: undefined, quote: (v) => c.escapeLiteral(v) });
    const drain = async (q: string, transform: boolean) => {
      const t = Date.now();
      const cpu0 = process.cpuUsage();
      const s = c.query(copyTo(q));
      let bytes = 0;
      if (transform) {
        const out = new CopyBinaryLines((x) => csvCell(x === null ? '{}' : x === '{}' ? x : JSON.stringify(JSON.parse(x))));
        s.pipe(out);
        for await (const b of out) bytes += (b as Buffer).length;
      } else for await (const b of s) bytes += (b as Buffer).length;
      const cpu = process.cpuUsage(cpu0);
      console.log((Date.now() - t) + ' ms', 'js cpu', Math.round((cpu.user + cpu.system) / 1000), 'ms', bytes, q.slice(0, 80));
    };
    await c.query('SELECT count(*), sum(length(e::text)) FROM audit_events e WHERE occurred_at >= $1', [cut]);
    let t = Date.now();
    await c.query('SELECT count(*), sum(length(e::text)) FROM audit_events e WHERE occurred_at >= $1', [cut]);
    console.log('scan', Date.now() - t);
    await drain(sql, false);
    await drain(sql, true);
    await drain(`COPY (SELECT id::text, details::text, hash FROM audit_events WHERE occurred_at >= '${cut.toISOString()}' ORDER BY occurred_at DESC, id DESC) TO STDOUT (FORMAT binary)`, false);
    await drain(`COPY (SELECT ${exportRowSql('csv')} FROM audit_events WHERE occurred_at >= '${cut.toISOString()}') TO STDOUT (FORMAT binary)`, false);
    t = Date.now();
    await c.query(`SELECT count(*) FROM (SELECT ${exportRowSql('csv')} FROM audit_events WHERE occurred_at >= '${cut.toISOString()}' ORDER BY occurred_at DESC, id DESC) x`);
    console.log('formatting in SQL, no output', Date.now() - t);
    await c.end();
  } finally {
    await db.stop();
  }
}
main();
