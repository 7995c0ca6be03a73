// Appends one audit event. Callers pass the client or the transaction they are in, so an admin
// change and its audit record commit together. Never give this a secret: the AccessKeyId is the
// only credential material it accepts (it is what CloudTrail shows), and `details` is checked.
// The database chains each event to the previous one (trigger audit_events_chain: seq, prev_hash,
// hash) under a transaction-scoped advisory lock held until the caller's transaction ends — so in
// a transaction, append the audit event last, after the change it records, and keep it short.
// A standalone event (the issuance path's) goes through recordAuditEvent, which commits concurrent
// events together.
import type { Db } from '@/lib/db/create-client';
import type { Prisma } from '@/lib/db/generated/client';
import type { AuditEventType } from './event-types';

type Tx = Pick<Db, 'auditEvent'>;

export interface AuditActor {
  sub: string;
  email: string | null;
  name: string | null;
  groups: string[];
  idpKind: string;
}

export interface AuditEventInput {
  type: AuditEventType;
  actor: AuditActor | null;
  outcome?: 'success' | 'failure' | 'denied' | 'unknown';
  intentId?: string;
  requestId?: string;
  mappingId?: string | null;
  roleArn?: string | null;
  accountId?: string | null;
  sessionName?: string | null;
  durationSeconds?: number | null;
  region?: string | null;
  sourceIp?: string | null;
  userAgent?: string | null;
  accessKeyId?: string | null;
  expiresAt?: Date | null;
  assumedRoleArn?: string | null;
  stsRequestId?: string | null;
  errorCode?: string | null;
  details?: Record<string, unknown>;
  /**
   * How the request reached Keyport: the browser ('web') or the keyport CLI ('cli'). A CLI event
   * carries `details.channel: "cli"` (inside the hashed canonical content, so rows written before
   * it existed verify unchanged); an event without it came from the browser, as every older row did.
   */
  channel?: AuditChannel;
}

export const AUDIT_CHANNELS = ['web', 'cli'] as const;
export type AuditChannel = (typeof AUDIT_CHANNELS)[number];

/** The channel of a stored event's details (older rows have none: they came from the browser). */
export function channelOfDetails(details: unknown): AuditChannel {
  return details !== null && typeof details === 'object' && (details as { channel?: unknown }).channel === 'cli' ? 'cli' : 'web';
}

const FORBIDDEN_DETAIL = /(secret|sessiontoken|session_token|idtoken|id_token|assertion|password|refresh)/i;

function assertNoSecrets(details: Record<string, unknown>, path = 'details'): void {
  for (const [k, v] of Object.entries(details)) {
    if (FORBIDDEN_DETAIL.test(k)) throw new Error(`audit ${path}.${k} looks like a secret and is refused`);
    if (v && typeof v === 'object' && !Array.isArray(v)) assertNoSecrets(v as Record<string, unknown>, `${path}.${k}`);
  }
}

/** The row for one event, checked: `details` must hold no secret. */
export function auditEventRow(e: AuditEventInput): Prisma.AuditEventCreateManyInput {
  const details = e.channel === 'cli' ? { ...e.details, channel: e.channel } : (e.details ?? {});
  assertNoSecrets(details);
  return {
    type: e.type,
    outcome: e.outcome ?? null,
    intentId: e.intentId ?? null,
    requestId: e.requestId ?? null,
    actorSub: e.actor?.sub ?? null,
    actorEmail: e.actor?.email ?? null,
    actorName: e.actor?.name ?? null,
    actorGroups: e.actor?.groups ?? [],
    idpKind: e.actor?.idpKind ?? null,
    mappingId: e.mappingId ?? null,
    roleArn: e.roleArn ?? null,
    accountId: e.accountId ?? null,
    sessionName: e.sessionName ?? null,
    durationSeconds: e.durationSeconds ?? null,
    region: e.region ?? null,
    sourceIp: e.sourceIp ?? null,
    userAgent: e.userAgent ?? null,
    accessKeyId: e.accessKeyId ?? null,
    expiresAt: e.expiresAt ?? null,
    assumedRoleArn: e.assumedRoleArn ?? null,
    stsRequestId: e.stsRequestId ?? null,
    errorCode: e.errorCode ?? null,
    details: details as Prisma.InputJsonValue,
  };
}

export async function appendAuditEvent(db: Tx, e: AuditEventInput): Promise<{ id: bigint }> {
  return db.auditEvent.create({ data: auditEventRow(e), select: { id: true } });
}
