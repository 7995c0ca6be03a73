// The canonical content of one audit event and its chain hash, computed here in the application,
// so verification never trusts a function of the database (whose owner could replace it). Pure.
// It is byte for byte what the trigger's audit_event_hash() builds (migration 20261123151000):
//   sha256(prev_hash || jsonb_build_array(seq::text, id::text, occurred_at as UTC ISO-8601 with
//   milliseconds, type, …, details)::text)
// jsonb prints an array as `[a, b]` (comma and space), strings with JSON's escapes (the same set
// JSON.stringify uses: \" \\ \b \f \n \r \t and \u00XX for other control characters; everything
// else as UTF-8), and `details` as its own jsonb text — which is why details are read as
// `details::text`, the value as stored, not re-serialised by JavaScript.
import { createHash } from 'node:crypto';

export interface CanonicalEvent {
  seq: string;
  id: string;
  occurredAt: Date;
  type: string;
  outcome: string | null;
  intentId: string | null;
  requestId: string | null;
  actorSub: string | null;
  actorEmail: string | null;
  actorName: string | null;
  actorGroups: (string | null)[] | null;
  idpKind: string | null;
  mappingId: string | null;
  roleArn: string | null;
  accountId: string | null;
  sessionName: string | null;
  durationSeconds: number | null;
  region: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  accessKeyId: string | null;
  expiresAt: Date | null;
  assumedRoleArn: string | null;
  stsRequestId: string | null;
  errorCode: string | null;
  /** The jsonb text of `details`, as PostgreSQL prints it (`details::text`). */
  detailsText: string;
}

const str = (v: string | null): string => (v === null ? 'null' : JSON.stringify(v));
/** to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'): toISOString for years 0–9999. */
const time = (v: Date | null): string => (v === null ? 'null' : JSON.stringify(v.toISOString()));

export function canonicalEventText(e: CanonicalEvent): string {
  const parts = [
    str(e.seq),
    str(e.id),
    time(e.occurredAt),
    str(e.type),
    str(e.outcome),
    str(e.intentId),
    str(e.requestId),
    str(e.actorSub),
    str(e.actorEmail),
    str(e.actorName),
    e.actorGroups === null ? 'null' : `[${e.actorGroups.map(str).join(', ')}]`,
    str(e.idpKind),
    str(e.mappingId),
    str(e.roleArn),
    str(e.accountId),
    str(e.sessionName),
    e.durationSeconds === null ? 'null' : String(e.durationSeconds),
    str(e.region),
    str(e.sourceIp),
    str(e.userAgent),
    str(e.accessKeyId),
    time(e.expiresAt),
    str(e.assumedRoleArn),
    str(e.stsRequestId),
    str(e.errorCode),
    e.detailsText,
  ];
  return `[${parts.join(', ')}]`;
}

/** The event's chain hash: hex sha256 of the predecessor's hash followed by the canonical text. */
export function auditEventHash(prevHash: string, e: CanonicalEvent): string {
  return createHash('sha256').update(prevHash + canonicalEventText(e), 'utf8').digest('hex');
}

/** The SELECT list that reads an event's canonical content (every column as the hash needs it). */
export const CANONICAL_EVENT_COLUMNS = `e.seq::text AS seq, e.id::text AS id, e.occurred_at, e.type, e.outcome, e.intent_id::text AS intent_id,
  e.request_id, e.actor_sub, e.actor_email, e.actor_name, e.actor_groups, e.idp_kind, e.mapping_id::text AS mapping_id, e.role_arn,
  e.account_id, e.session_name, e.duration_seconds, e.region, e.source_ip, e.user_agent, e.access_key_id, e.expires_at,
  e.assumed_role_arn, e.sts_request_id, e.error_code, e.details::text AS details_text, e.prev_hash, e.hash`;

export interface CanonicalEventRow {
  seq: string | null;
  id: string;
  occurred_at: Date;
  type: string;
  outcome: string | null;
  intent_id: string | null;
  request_id: string | null;
  actor_sub: string | null;
  actor_email: string | null;
  actor_name: string | null;
  actor_groups: (string | null)[] | null;
  idp_kind: string | null;
  mapping_id: string | null;
  role_arn: string | null;
  account_id: string | null;
  session_name: string | null;
  duration_seconds: number | null;
  region: string | null;
  source_ip: string | null;
  user_agent: string | null;
  access_key_id: string | null;
  expires_at: Date | null;
  assumed_role_arn: string | null;
  sts_request_id: string | null;
  error_code: string | null;
  details_text: string;
  prev_hash: string | null;
  hash: string | null;
}

export function canonicalEventOf(r: CanonicalEventRow & { seq: string }): CanonicalEvent {
  return {
    seq: r.seq,
    id: r.id,
    occurredAt: r.occurred_at,
    type: r.type,
    outcome: r.outcome,
    intentId: r.intent_id,
    requestId: r.request_id,
    actorSub: r.actor_sub,
    actorEmail: r.actor_email,
    actorName: r.actor_name,
    actorGroups: r.actor_groups,
    idpKind: r.idp_kind,
    mappingId: r.mapping_id,
    roleArn: r.role_arn,
    accountId: r.account_id,
    sessionName: r.session_name,
    durationSeconds: r.duration_seconds,
    region: r.region,
    sourceIp: r.source_ip,
    userAgent: r.user_agent,
    accessKeyId: r.access_key_id,
    expiresAt: r.expires_at,
    assumedRoleArn: r.assumed_role_arn,
    stsRequestId: r.sts_request_id,
    errorCode: r.error_code,
    detailsText: r.details_text,
  };
}
