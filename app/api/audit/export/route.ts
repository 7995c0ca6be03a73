// GET /api/audit/export?format=csv|jsonl&<filters> — every event matching the search, streamed
// (constant memory at any size). The export itself is audited before the first byte.
import { z } from 'zod';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { auditActorOf } from '@/lib/audit/audit-actor';
import { auditFiltersToSearchParams, parseAuditFilters } from '@/lib/audit/audit-filters';
import { exportAuditEvents } from '@/lib/audit/export-audit-events';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { withAuth } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

const format = z.enum(['csv', 'jsonl']);

export const GET = withAuth({ permission: ['audit', 'export'] }, async ({ actor, request, requestId, log, sourceIp, userAgent }) => {
  const params = new URL(request.url).searchParams;
  const fmt = format.safeParse(params.get('format') ?? 'csv');
  if (!fmt.success) throw new AppError('invalid_input', 'Export as csv or jsonl.', { fields: { format: 'csv or jsonl' } });
  const filters = parseAuditFilters(params);
  const db = getDb();
  await appendAuditEvent(db, {
    type: 'AUDIT_EXPORTED',
    actor: auditActorOf(actor),
    outcome: 'success',
    requestId,
    sourceIp,
    userAgent,
    details: { format: fmt.data, query: auditFiltersToSearchParams(filters).toString() },
  });
  const body = exportAuditEvents({
    db,
    scope: { kind: 'everyone' },
    filters,
    format: fmt.data,
    onDone: (rows) => log.info('audit export finished', { rows, format: fmt.data }),
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return new Response(body, {
    headers: {
      'Content-Type': fmt.data === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="keyport-audit-${stamp}.${fmt.data}"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
