import 'server-only';
// Streams every event matching a search as CSV or JSON Lines. Memory stays constant whatever the
// row count: each pull reads one keyset batch, and the next is read only when the client has
// taken the previous one (ReadableStream back-pressure).
import type { Db } from '@/lib/db/create-client';
import type { AuditCursor } from './audit-cursor';
import { auditEventSelect, EXPORT_COLUMNS, toAuditEventView, type AuditEventView } from './audit-event-view';
import type { AuditFilters } from './audit-filters';
import { AUDIT_ORDER, buildAuditWhere, type AuditScope } from './build-audit-where';
import { csvLine } from './csv';

export type ExportFormat = 'csv' | 'jsonl';

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

export function exportAuditEvents(opts: {
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
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvLine(EXPORT_COLUMNS)));
          return;
        }
        const batch = await opts.db.auditEvent.findMany({
          where: buildAuditWhere(opts.scope, opts.filters, cursor),
          orderBy: AUDIT_ORDER,
          take: batchSize,
          select: auditEventSelect,
        });
        const last = batch[batch.length - 1];
        if (last) {
          cursor = { occurredAt: last.occurredAt, id: last.id };
          rows += batch.length;
          const text = batch.map((r) => (opts.format === 'csv' ? csvRow : jsonRow)(toAuditEventView(r))).join('');
          controller.enqueue(encoder.encode(text));
        }
        if (batch.length < batchSize) {
          controller.close();
          opts.onDone?.(rows);
        }
      },
    },
    { highWaterMark: 1 },
  );
}
