// Part of the reference exporter (keyset-audit-export.ts), for tests only.
// Reads the export columns of a batch of audit events already chosen by key, as AuditEventViews.
// The export picks its rows with Prisma and buildAuditWhere (so scope and filters cannot drift
// from the search) and reads their contents here: each row comes back from PostgreSQL as one JSON
// text, which is parsed natively. Going through Prisma's row objects instead (27 typed fields,
// Dates, BigInts, then the view's copies) cost most of the export's time and garbage.
import { Prisma } from '@/lib/db/generated/client';
import type { Db } from '@/lib/db/create-client';
import { EXPORT_COLUMNS, type AuditEventView } from '@/lib/audit/audit-event-view';

type ExportColumn = (typeof EXPORT_COLUMNS)[number];

// Each column as toAuditEventView gives it: bigints as decimal text, times as epoch milliseconds
// (turned into the same toISOString() below; the columns are timestamptz(3)), arrays and JSON as
// such. A column added to EXPORT_COLUMNS fails to compile until it is given here.
const COLUMN_SQL: Record<ExportColumn, string> = {
  id: 'id::text',
  occurredAt: '(extract(epoch FROM occurred_at) * 1000)::int8',
  type: 'type',
  outcome: 'outcome',
  actorSub: 'actor_sub',
  actorEmail: 'actor_email',
  actorName: 'actor_name',
  actorGroups: 'actor_groups',
  idpKind: 'idp_kind',
  mappingId: 'mapping_id::text',
  roleArn: 'role_arn',
  accountId: 'account_id',
  sessionName: 'session_name',
  durationSeconds: 'duration_seconds',
  region: 'region',
  sourceIp: 'source_ip',
  userAgent: 'user_agent',
  accessKeyId: 'access_key_id',
  expiresAt: '(extract(epoch FROM expires_at) * 1000)::int8',
  assumedRoleArn: 'assumed_role_arn',
  stsRequestId: 'sts_request_id',
  errorCode: 'error_code',
  intentId: 'intent_id::text',
  requestId: 'request_id',
  channel: `CASE WHEN details->>'channel' = 'cli' THEN 'cli' ELSE 'web' END`,
  details: 'details',
  seq: 'seq::text',
  hash: 'hash',
};

const ROW_SQL = `json_build_array(${EXPORT_COLUMNS.map((c) => COLUMN_SQL[c]).join(', ')})::text`;
const TIME_COLUMNS: ReadonlySet<ExportColumn> = new Set(['occurredAt', 'expiresAt']);

export interface AuditEventKey {
  id: bigint;
  occurredAt: Date;
}

function toView(json: string): AuditEventView {
  const values = JSON.parse(json) as unknown[];
  const view: Record<string, unknown> = {};
  for (let i = 0; i < EXPORT_COLUMNS.length; i++) {
    const c = EXPORT_COLUMNS[i] as ExportColumn;
    const v = values[i] ?? null;
    view[c] = v !== null && TIME_COLUMNS.has(c) ? new Date(v as number).toISOString() : v;
  }
  return view as unknown as AuditEventView;
}

/**
 * The events of `keys` (newest first, as the export orders them), read in one query. `keys` is a
 * keyset batch in AUDIT_ORDER, so its time range bounds the partitions and index range to read.
 */
export async function readExportRows(opts: { db: Db; keys: readonly AuditEventKey[] }): Promise<AuditEventView[]> {
  const first = opts.keys[0];
  const last = opts.keys[opts.keys.length - 1];
  if (!first || !last) return [];
  const ids = opts.keys.map((k) => k.id.toString()).join(',');
  const rows = await opts.db.$queryRaw<{ r: string }[]>`
    SELECT ${Prisma.raw(ROW_SQL)} AS r FROM audit_events
     WHERE occurred_at >= ${last.occurredAt}::timestamptz AND occurred_at <= ${first.occurredAt}::timestamptz
       AND id = ANY(string_to_array(${ids}, ',')::int8[])
     ORDER BY occurred_at DESC, id DESC`;
  return rows.map((row) => toView(row.r));
}
