// What a sink receives for one audit event, and how each kind of collector wants it. Pure.
// Every record carries a stable `eventId` (the event's chain hash: unique, and the same however
// often it is delivered), so a receiver can drop the duplicates at-least-once delivery brings.
// The record holds exactly what the audit holds — never a secret (append-audit-event.ts refuses
// them before they are written) — plus the chain fields, so a sink's copy can vouch for the chain
// (`audit:verify --checkpoints <file>`).
import type { CanonicalEventRow } from '../canonical-event';

export interface AuditSinkRecord {
  source: 'keyport';
  eventId: string;
  id: string;
  seq: string;
  prevHash: string;
  hash: string;
  occurredAt: string;
  type: string;
  outcome: string | null;
  intentId: string | null;
  requestId: string | null;
  actor: { sub: string; email: string | null; name: string | null; groups: (string | null)[]; idpKind: string | null } | null;
  mappingId: string | null;
  roleArn: string | null;
  accountId: string | null;
  sessionName: string | null;
  durationSeconds: number | null;
  region: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  accessKeyId: string | null;
  expiresAt: string | null;
  assumedRoleArn: string | null;
  stsRequestId: string | null;
  errorCode: string | null;
  details: unknown;
}

export function sinkRecordOf(r: CanonicalEventRow & { seq: string; hash: string; prev_hash: string }): AuditSinkRecord {
  return {
    source: 'keyport',
    eventId: r.hash,
    id: r.id,
    seq: r.seq,
    prevHash: r.prev_hash,
    hash: r.hash,
    occurredAt: r.occurred_at.toISOString(),
    type: r.type,
    outcome: r.outcome,
    intentId: r.intent_id,
    requestId: r.request_id,
    actor: r.actor_sub === null ? null : { sub: r.actor_sub, email: r.actor_email, name: r.actor_name, groups: r.actor_groups ?? [], idpKind: r.idp_kind },
    mappingId: r.mapping_id,
    roleArn: r.role_arn,
    accountId: r.account_id,
    sessionName: r.session_name,
    durationSeconds: r.duration_seconds,
    region: r.region,
    sourceIp: r.source_ip,
    userAgent: r.user_agent,
    accessKeyId: r.access_key_id,
    expiresAt: r.expires_at?.toISOString() ?? null,
    assumedRoleArn: r.assumed_role_arn,
    stsRequestId: r.sts_request_id,
    errorCode: r.error_code,
    details: JSON.parse(r.details_text) as unknown,
  };
}

export function jsonLines(records: readonly AuditSinkRecord[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

export interface HttpBody {
  contentType: string;
  body: string;
}

/** A generic webhook: one JSON object per batch. */
export function webhookBody(records: readonly AuditSinkRecord[]): HttpBody {
  return { contentType: 'application/json', body: JSON.stringify({ source: 'keyport', events: records }) };
}

/** Splunk HTTP Event Collector (/services/collector/event): concatenated event envelopes. */
export function splunkHecBody(records: readonly AuditSinkRecord[]): HttpBody {
  const body = records.map((r) => JSON.stringify({ time: Date.parse(r.occurredAt) / 1000, source: 'keyport', sourcetype: 'keyport:audit', event: r })).join('\n');
  return { contentType: 'application/json', body };
}

/**
 * Elasticsearch / OpenSearch _bulk: `create` with the event id as the document id, so a
 * redelivered event is refused as a conflict (409) instead of stored twice.
 */
export function elasticBulkBody(records: readonly AuditSinkRecord[]): HttpBody {
  const body = records.map((r) => `${JSON.stringify({ create: { _id: r.eventId } })}\n${JSON.stringify({ '@timestamp': r.occurredAt, ...r })}\n`).join('');
  return { contentType: 'application/x-ndjson', body };
}

/** A _bulk answer: fine when every item was created or already there (409 from a redelivery). */
export function elasticBulkProblem(answer: unknown): string | null {
  const a = answer as { errors?: boolean; items?: { create?: { status?: number; error?: { type?: string } } }[] };
  if (!a || typeof a !== 'object' || !Array.isArray(a.items)) return 'the _bulk answer has no items';
  if (!a.errors) return null;
  const bad = a.items.find((i) => {
    const s = i.create?.status ?? 0;
    return !((s >= 200 && s < 300) || s === 409);
  });
  return bad ? `an item was refused (${bad.create?.status ?? '?'} ${bad.create?.error?.type ?? ''})`.trim() : null;
}

const SD_ID = 'keyport@32473';
const sdEscape = (v: string) => v.replace(/[\\"\]]/g, (c) => `\\${c}`);
const printable = (v: string, max: number) => (v.replace(/[^\x21-\x7e]/g, '_').slice(0, max) || '-');

/**
 * One RFC 5424 message, framed by octet counting for TCP/TLS transport (RFC 6587 §3.4.1; RFC 5425
 * §4.3). Facility 13 (log audit); severity 6 (informational), 4 (warning) for refusals and failures.
 */
export function syslogFrame(r: AuditSinkRecord, host: string, procId: string): Buffer {
  const severity = r.outcome === 'failure' || r.outcome === 'denied' || r.outcome === 'unknown' ? 4 : 6;
  const pri = 13 * 8 + severity;
  const sd = `[${SD_ID} eventId="${sdEscape(r.eventId)}" seq="${sdEscape(r.seq)}"]`;
  const header = `<${pri}>1 ${r.occurredAt} ${printable(host, 255)} keyport ${printable(procId, 128)} ${printable(r.type, 32)} ${sd} `;
  const msg = Buffer.concat([Buffer.from(header, 'utf8'), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(r), 'utf8')]);
  return Buffer.concat([Buffer.from(`${msg.length} `, 'ascii'), msg]);
}
