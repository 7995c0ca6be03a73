// The audit export as one SQL statement for `COPY (…) TO STDOUT`: the rows the search would show
// (the same conditions as buildAuditWhere / buildAuditBranches, the person resolved to subjects
// first), newest first. For JSON Lines PostgreSQL formats each line but the details value (its
// jsonb text has spaces, `{"a": 1}`, where the export has always printed JSON.stringify's compact
// form). For CSV it sends each column as text and copy-binary-lines.ts applies csvCell's rules to
// the bytes: a CASE and four strpos per cell in SQL cost PostgreSQL about 12 µs a row, more than
// the scan itself (bench/FINDINGS.md). Pure.
//
// COPY takes no bind parameters, so every value is a literal quoted by `quote` (the driver's
// escapeLiteral), from filters already validated by parseAuditFilters.
//
// The formatting equals lib/audit/csv.ts cell by cell (export-audit-events.int.test.ts compares
// both exporters' bytes on awkward values):
// - CSV: NULL is an empty cell, a number its decimal text, a time toISOString()'s form (the
//   columns are timestamptz(3)), the groups joined by ';' (then treated as text);
// - JSON Lines values are what JSON.stringify prints: PostgreSQL's to_json() escapes strings the
//   same way (", \, \b \f \n \r \t, other controls as \u00xx) and prints arrays without spaces.
import { EXPORT_COLUMNS } from './audit-event-view';
import type { AuditFilters } from './audit-filters';
import type { AuditPersonMatch, AuditScope } from './build-audit-where';

type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportFormat = 'csv' | 'jsonl';

/** How each column is read: text as it is, a UUID, a number, a time, the group array, or the JSON details. */
type Kind = 'text' | 'uuid' | 'number' | 'time' | 'groups' | 'details';

// Every export column and its SQL. A column added to EXPORT_COLUMNS fails to compile until it is given here.
const COLUMNS: Record<ExportColumn, { sql: string; kind: Kind }> = {
  id: { sql: 'id::text', kind: 'text' },
  occurredAt: { sql: 'occurred_at', kind: 'time' },
  type: { sql: 'type', kind: 'text' },
  outcome: { sql: 'outcome', kind: 'text' },
  actorSub: { sql: 'actor_sub', kind: 'text' },
  actorEmail: { sql: 'actor_email', kind: 'text' },
  actorName: { sql: 'actor_name', kind: 'text' },
  actorGroups: { sql: 'actor_groups', kind: 'groups' },
  idpKind: { sql: 'idp_kind', kind: 'text' },
  mappingId: { sql: 'mapping_id::text', kind: 'uuid' },
  roleArn: { sql: 'role_arn', kind: 'text' },
  accountId: { sql: 'account_id', kind: 'text' },
  sessionName: { sql: 'session_name', kind: 'text' },
  durationSeconds: { sql: 'duration_seconds', kind: 'number' },
  region: { sql: 'region', kind: 'text' },
  sourceIp: { sql: 'source_ip', kind: 'text' },
  userAgent: { sql: 'user_agent', kind: 'text' },
  accessKeyId: { sql: 'access_key_id', kind: 'text' },
  expiresAt: { sql: 'expires_at', kind: 'time' },
  assumedRoleArn: { sql: 'assumed_role_arn', kind: 'text' },
  stsRequestId: { sql: 'sts_request_id', kind: 'text' },
  errorCode: { sql: 'error_code', kind: 'text' },
  intentId: { sql: 'intent_id::text', kind: 'uuid' },
  requestId: { sql: 'request_id', kind: 'text' },
  // The keyport CLI's events carry details.channel = 'cli' (append-audit-event.ts); absent is the browser.
  channel: { sql: `CASE WHEN details->>'channel' = 'cli' THEN 'cli' ELSE 'web' END`, kind: 'text' },
  details: { sql: 'details', kind: 'details' },
  seq: { sql: 'seq::text', kind: 'text' },
  hash: { sql: 'hash', kind: 'text' },
};

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const isoOf = (sql: string) => `to_char(${sql} AT TIME ZONE 'UTC', ${ISO})`;

/** How the CSV writer treats a column's text (copy-binary-lines.ts). */
export type CsvCellKind = 'raw' | 'text' | 'time' | 'details';

/**
 * A column as text for the CSV writer, and how the writer treats it: `text` goes through
 * csvCell's rules (neutralise, quote), `raw` is copied as it is (numbers and UUIDs, which csvCell
 * leaves alone: never a formula character first, never " , CR or LF), `time` is rewritten as
 * toISOString() writes it, `details` is finished in JavaScript.
 */
function csvColumnSql(c: { sql: string; kind: Kind }): { sql: string; cell: CsvCellKind } {
  switch (c.kind) {
    case 'text':
      return { sql: c.sql, cell: 'text' };
    case 'uuid':
      return { sql: c.sql, cell: 'raw' };
    case 'number':
      return { sql: `${c.sql}::text`, cell: 'raw' };
    case 'time':
      // timestamp's own text, `YYYY-MM-DD HH:MM:SS[.fff]` (DateStyle ISO, which the exporter
      // sets), made into toISOString()'s form by the writer: to_char cost PostgreSQL more than
      // the rest of the row together (bench/FINDINGS.md).
      return { sql: `(${c.sql} AT TIME ZONE 'UTC')::text`, cell: 'time' };
    case 'groups':
      return { sql: `array_to_string(${c.sql}, ';', '')`, cell: 'text' };
    case 'details':
      return { sql: 'details::text', cell: 'details' };
  }
}

/** CSV: one text column per export column, in order, and what the writer does with each. */
export function csvColumnsSql(): { sql: string; cells: CsvCellKind[] } {
  const cols = EXPORT_COLUMNS.map((c) => csvColumnSql(COLUMNS[c]));
  return { sql: cols.map((c) => c.sql).join(', '), cells: cols.map((c) => c.cell) };
}

function jsonValueSql(c: { sql: string; kind: Kind }): string {
  switch (c.kind) {
    case 'text':
    case 'uuid':
      return `coalesce(to_json(${c.sql})::text, 'null')`;
    case 'number':
      return `coalesce(${c.sql}::text, 'null')`;
    case 'time':
      return `coalesce('"' || ${isoOf(c.sql)} || '"', 'null')`;
    case 'groups':
      return `coalesce(to_json(${c.sql})::text, 'null')`;
    case 'details':
      throw new Error('details is finished while streaming');
  }
}

/**
 * JSON Lines: the three text columns of each row, the line up to the details value, the details as
 * jsonb text, and the rest of the line with its terminator.
 */
export function jsonLinesRowSql(): string {
  const at = EXPORT_COLUMNS.indexOf('details');
  const before = EXPORT_COLUMNS.slice(0, at);
  const after = EXPORT_COLUMNS.slice(at + 1);
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const field = (c: ExportColumn, first: boolean) => `${lit(`${first ? '{' : ','}${JSON.stringify(c)}:`)} || ${jsonValueSql(COLUMNS[c])}`;
  const head = before.map((c, i) => field(c, i === 0)).join(' || ') + ` || ${lit(',"details":')}`;
  const tail = after.map((c) => field(c, false)).join(' || ') + ` || E'}\\n'`;
  return `${head}, details::text, ${tail}`;
}

/**
 * The WHERE of the export: the scope, then each filter, as auditConditions builds them. A person
 * resolved to subjects is "one of these subjects, or this session name" (the branches of
 * buildAuditBranches, as one condition); unresolved (too many matched), the OR over every event.
 */
export function exportWhereSql(scope: AuditScope, f: AuditFilters, person: AuditPersonMatch | undefined, quote: (value: string) => string): string {
  const and: string[] = [];
  const time = (d: Date) => `${quote(d.toISOString())}::timestamptz`;
  const list = (values: readonly string[]) => `ARRAY[${values.map(quote).join(', ')}]::text[]`;
  if (scope.kind === 'own') {
    if (!scope.actorSub) throw new Error('an own-history scope needs the subject');
    and.push(`actor_sub = ${quote(scope.actorSub)}`);
  }
  if (f.person) {
    const term = quote(f.person);
    if (person) {
      const subjects = scope.kind === 'own' ? person.subjects.filter((s) => s === scope.actorSub) : [...new Set(person.subjects)];
      and.push(subjects.length === 0 ? `session_name = ${term}` : `(session_name = ${term} OR actor_sub = ANY(${list(subjects)}))`);
    } else {
      // As Prisma's `equals` / `contains` with mode 'insensitive' (ILIKE, the term's own wildcards unescaped).
      and.push(`(actor_sub = ${term} OR actor_email ILIKE ${term} OR session_name = ${term} OR actor_name ILIKE '%' || ${term} || '%')`);
    }
  }
  if (f.group) and.push(`${quote(f.group)} = ANY(actor_groups)`);
  if (f.roleArn) and.push(`role_arn = ${quote(f.roleArn)}`);
  if (f.accountId) and.push(`account_id = ${quote(f.accountId)}`);
  if (f.types && f.types.length > 0) and.push(`type = ANY(${list(f.types)})`);
  if (f.outcome) and.push(`outcome = ${quote(f.outcome)}`);
  if (f.sourceIp) and.push(`source_ip = ${quote(f.sourceIp)}`);
  if (f.from) and.push(`occurred_at >= ${time(f.from)}`);
  if (f.to) and.push(`occurred_at < ${time(f.to)}`);
  if (f.accessKeyId) and.push(`access_key_id = ${quote(f.accessKeyId)}`);
  return and.length > 0 ? and.join(' AND ') : 'true';
}

/** The whole COPY statement: binary format, so each row's texts arrive as length-prefixed bytes. */
export function exportCopySql(opts: { format: ExportFormat; scope: AuditScope; filters: AuditFilters; person: AuditPersonMatch | undefined; quote: (value: string) => string }): string {
  const select = opts.format === 'csv' ? csvColumnsSql().sql : jsonLinesRowSql();
  return `COPY (SELECT ${select} FROM audit_events WHERE ${exportWhereSql(opts.scope, opts.filters, opts.person, opts.quote)} ORDER BY occurred_at DESC, id DESC) TO STDOUT (FORMAT binary)`;
}
