// What of an audit event reaches a page, an API answer or an export: chosen fields, ids as
// strings (BigInt does not cross JSON), times as UTC ISO strings. Holds no secret by construction:
// the table has none.
import type { Prisma } from '@/lib/db/generated/client';
import { channelOfDetails, type AuditChannel } from './append-audit-event';

export const auditEventSelect = {
  id: true,
  occurredAt: true,
  type: true,
  outcome: true,
  intentId: true,
  requestId: true,
  actorSub: true,
  actorEmail: true,
  actorName: true,
  actorGroups: true,
  idpKind: true,
  mappingId: true,
  roleArn: true,
  accountId: true,
  sessionName: true,
  durationSeconds: true,
  region: true,
  sourceIp: true,
  userAgent: true,
  accessKeyId: true,
  expiresAt: true,
  assumedRoleArn: true,
  stsRequestId: true,
  errorCode: true,
  details: true,
  seq: true,
  hash: true,
} as const satisfies Prisma.AuditEventSelect;

export type AuditEventRow = Prisma.AuditEventGetPayload<{ select: typeof auditEventSelect }>;

export interface AuditEventView {
  id: string;
  occurredAt: string;
  type: string;
  outcome: string | null;
  intentId: string | null;
  requestId: string | null;
  actorSub: string | null;
  actorEmail: string | null;
  actorName: string | null;
  actorGroups: string[];
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
  expiresAt: string | null;
  assumedRoleArn: string | null;
  stsRequestId: string | null;
  errorCode: string | null;
  /** The browser ('web') or the keyport CLI ('cli'): details.channel, absent (web) on older rows. */
  channel: AuditChannel;
  details: unknown;
  seq: string | null;
  hash: string | null;
}

export function toAuditEventView(r: AuditEventRow): AuditEventView {
  return {
    ...r,
    id: r.id.toString(),
    occurredAt: r.occurredAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    seq: r.seq?.toString() ?? null,
    channel: channelOfDetails(r.details),
    details: r.details,
  };
}

/** The columns of CSV and JSON Lines exports, in order. */
export const EXPORT_COLUMNS = [
  'id',
  'occurredAt',
  'type',
  'outcome',
  'actorSub',
  'actorEmail',
  'actorName',
  'actorGroups',
  'idpKind',
  'mappingId',
  'roleArn',
  'accountId',
  'sessionName',
  'durationSeconds',
  'region',
  'sourceIp',
  'userAgent',
  'accessKeyId',
  'expiresAt',
  'assumedRoleArn',
  'stsRequestId',
  'errorCode',
  'intentId',
  'requestId',
  'channel',
  'details',
  'seq',
  'hash',
] as const satisfies readonly (keyof AuditEventView)[];
