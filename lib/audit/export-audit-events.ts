import 'server-only';
// Streams every event matching a search as CSV or JSON Lines, at the database's speed: one
// `COPY (SELECT …) TO STDOUT` (export-sql.ts) whose rows are written into the response as they
// arrive, as bytes, never as row objects (copy-binary-lines.ts: csvCell's rules on the bytes of
// each CSV cell; JSON Lines formatted by PostgreSQL but for the details value). Memory is bounded by back-pressure, not by the row count:
// the next chunk is read only when the client has taken the previous one (ReadableStream pull),
// and while it is not, pg-copy-streams pauses the database connection's socket, so PostgreSQL
// waits too. The rows are those the search shows (the same conditions, the person resolved to
// subjects first), newest first, from one snapshot (one statement). The output is byte for byte
// what the exporter before it wrote (export-audit-events.int.test.ts compares them).
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { sqlPoolConnection, type Db } from '@/lib/db/create-client';
import { EXPORT_COLUMNS } from './audit-event-view';
import type { AuditFilters } from './audit-filters';
import type { AuditScope } from './build-audit-where';
import { CopyBinaryLines, type CopyLayout } from './copy-binary-lines';
import { csvCell, csvLine } from './csv';
import { csvColumnsSql, exportCopySql, type ExportFormat } from './export-sql';
import { resolveAuditPerson } from './resolve-audit-person';

export type { ExportFormat } from './export-sql';

/** The details as JSON.stringify prints them (PostgreSQL prints jsonb with spaces after : and ,). */
function compactJson(jsonbText: string): string {
  return jsonbText === '{}' ? jsonbText : JSON.stringify(JSON.parse(jsonbText));
}

const LAYOUT: Record<ExportFormat, CopyLayout> = { csv: { kind: 'csv', cells: csvColumnsSql().cells }, jsonl: { kind: 'lines' } };

const FINISH_DETAILS: Record<ExportFormat, (jsonbText: string | null) => string> = {
  csv: (t) => csvCell(t === null ? '{}' : compactJson(t)),
  jsonl: (t) => (t === null ? 'null' : compactJson(t)),
};

export function exportAuditEvents(opts: { db: Db; scope: AuditScope; filters: AuditFilters; format: ExportFormat; onDone?: (rows: number) => void }): ReadableStream<Uint8Array> {
  let client: PoolClient | undefined;
  let lines: CopyBinaryLines | undefined;
  let chunks: AsyncIterator<Buffer> | undefined;
  let headerSent = opts.format !== 'csv';
  /** Gives the connection back; one interrupted mid-COPY is closed instead, so no one reuses it. */
  const release = (error?: Error) => {
    const c = client;
    client = undefined;
    c?.release(error ?? false);
  };
  const start = async (): Promise<AsyncIterator<Buffer>> => {
    const person = opts.filters.person ? await resolveAuditPerson({ db: opts.db, term: opts.filters.person }) : undefined;
    const c = await sqlPoolConnection(opts.db);
    client = c;
    const sql = exportCopySql({ format: opts.format, scope: opts.scope, filters: opts.filters, person, quote: (v) => c.escapeLiteral(v) });
    // The CSV writer reads timestamps in ISO form (PostgreSQL's default DateStyle; the pg driver
    // needs it too), whatever the server's configuration says.
    await c.query('SET DateStyle TO ISO');
    const copy = c.query(copyTo(sql));
    const out = new CopyBinaryLines(LAYOUT[opts.format], FINISH_DETAILS[opts.format]);
    lines = out;
    copy.on('error', (e) => out.destroy(e));
    copy.pipe(out);
    return out[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(new TextEncoder().encode(csvLine(EXPORT_COLUMNS)));
          return;
        }
        try {
          chunks ??= await start();
          const next = await chunks.next();
          if (next.done) {
            release();
            controller.close();
            opts.onDone?.(lines?.rows ?? 0);
            return;
          }
          controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
        } catch (e) {
          release(e instanceof Error ? e : new Error(String(e)));
          throw e;
        }
      },
      cancel(reason) {
        lines?.destroy();
        release(reason instanceof Error ? reason : new Error('the export was cancelled'));
      },
    },
    { highWaterMark: 1 },
  );
}
