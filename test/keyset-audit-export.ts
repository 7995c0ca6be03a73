// The audit exporter as it was before it streamed COPY output (kept for tests only, as the reference
// the new exporter's bytes are compared with: export-audit-events.int.test.ts).
// Streams every event matching a search as CSV or JSON Lines. Memory stays constant whatever the
// row count: each pull reads one keyset batch, and the next is read only when the client has
// taken the previous one (ReadableStream back-pressure). A batch's keys are chosen exactly as the
// search chooses a page (the person resolved to subjects, buildAuditBranches, mergeNewestFirst),
// so an export holds what the search shows; its contents are then read by key as JSON text
// (readExportRows): few, short-lived objects per row.
import type { Db } from '@/lib/db/create-client';
import type { AuditCursor } from '@/lib/audit/audit-cursor';
import { EXPORT_COLUMNS, type AuditEventView } from '@/lib/audit/audit-event-view';
import type { AuditFilters } from '@/lib/audit/audit-filters';
import { AUDIT_ORDER, buildAuditBranches, type AuditPersonMatch, type AuditScope } from '@/lib/audit/build-audit-where';
import { csvLine } from '@/lib/audit/csv';
import { mergeNewestFirst } from '@/lib/audit/merge-newest-first';
import { readExportRows } from './read-export-rows';
import { resolveAuditPerson } from '@/lib/audit/resolve-audit-person';
import { createUtf8Chunker } from '@/lib/audit/utf8-chunker';

export type ExportFormat = 'csv' | 'jsonl';

/** Bytes per chunk handed to the stream: socket-sized, and small enough to die young in V8. */
const CHUNK_BYTES = 64 * 1024;

function csvRow(e: AuditEventView): string {
  return csvLine(
    EXPORT_COLUMNS.map((c) => {
      const v = e[c];
      if (c === 'actorGroups') return e.actorGroups.join(';');
      if (c === 'details') return JSON.stringify(v ?? {});
      return v as string | number | null;
    }),
  );
}

function jsonRow(e: AuditEventView): string {
  return `${JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, e[c]])))}\n`;
}

export function keysetAuditExport(opts: {
  db: Db;
  scope: AuditScope;
  filters: AuditFilters;
  format: ExportFormat;
  batchSize?: number;
  onDone?: (rows: number) => void;
}): ReadableStream<Uint8Array> {
  const batchSize = opts.batchSize ?? 1000;
  const encoder = new TextEncoder();
  let cursor: AuditCursor | undefined;
  let headerSent = opts.format !== 'csv';
  let rows = 0;
  let person: AuditPersonMatch | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvLine(EXPORT_COLUMNS)));
          return;
        }
        if (person === undefined) person = opts.filters.person ? await resolveAuditPerson({ db: opts.db, term: opts.filters.person }) : null;
        const branches = buildAuditBranches(opts.scope, opts.filters, cursor, person);
        const pages = await Promise.all(
          branches.map((where) => opts.db.auditEvent.findMany({ where, orderBy: AUDIT_ORDER, take: batchSize, select: { id: true, occurredAt: true } })),
        );
        const keys = mergeNewestFirst(pages, batchSize);
        const last = keys[keys.length - 1];
        if (last) {
          cursor = last;
          const events = await readExportRows({ db: opts.db, keys });
          rows += events.length;
          const toLine = opts.format === 'csv' ? csvRow : jsonRow;
          const out = createUtf8Chunker(CHUNK_BYTES, (chunk) => controller.enqueue(chunk));
          for (const e of events) out.write(toLine(e));
          out.flush();
        }
        if (keys.length < batchSize) {
          controller.close();
          opts.onDone?.(rows);
        }
      },
    },
    { highWaterMark: 1 },
  );
}
