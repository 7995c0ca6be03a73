// Human labels for the audit's event types and outcomes: the one mapping every page uses (the
// raw code stays in the event's detail and in exports). Pure. The message catalogs
// (messages/<locale>/audit.json, `eventType.<TYPE>`) translate these keys; the English here is the
// fallback and what the catalog test compares against.
import { AUDIT_EVENT_TYPES, AUDIT_OUTCOMES, type AuditEventType, type AuditOutcome } from './event-types';

export const EVENT_TYPE_LABELS = {
  ISSUE_REQUESTED: 'Credentials requested',
  ISSUE_SUCCEEDED: 'Credentials issued',
  ISSUE_FAILED: 'Issuance failed',
  ISSUE_DENIED: 'Request refused',
  ISSUE_RATE_LIMITED: 'Rate limited',
  ISSUE_OUTCOME_UNKNOWN: 'Outcome unknown',
  ACCESS_DENIED: 'Access denied',
  MAPPING_CREATED: 'Mapping created',
  MAPPING_UPDATED: 'Mapping changed',
  MAPPING_DISABLED: 'Mapping disabled',
  MAPPING_DELETED: 'Mapping deleted',
  MAPPINGS_IMPORTED: 'Mappings imported',
  MAPPING_TESTED: 'Mapping tested',
  REVOCATION_CREATED: 'Sessions revoked',
  REVOCATION_LIFTED: 'Revocation lifted',
  RETENTION_APPLIED: 'Old events removed (retention)',
  AUDIT_EXPORTED: 'Audit exported',
  AUDIT_VERIFIED: 'Audit integrity checked',
  AUDIT_CHECKPOINT: 'Audit checkpoint signed',
} as const satisfies Record<AuditEventType, string>;

export const OUTCOME_LABELS = {
  success: 'Succeeded',
  failure: 'Failed',
  denied: 'Refused',
  unknown: 'Unknown',
} as const satisfies Record<AuditOutcome, string>;

/** The label of a type; a code this version does not know (an older row) shows as written. */
export function eventTypeLabel(type: string): string {
  return (EVENT_TYPE_LABELS as Record<string, string>)[type] ?? type;
}

export function outcomeLabel(outcome: string | null): string | null {
  if (outcome === null) return null;
  return (OUTCOME_LABELS as Record<string, string>)[outcome] ?? outcome;
}

/** Types grouped the way a reviewer thinks of them, for the type filter. */
export const EVENT_TYPE_GROUPS: { label: 'issuance' | 'mappings' | 'revocations' | 'audit'; types: AuditEventType[] }[] = [
  { label: 'issuance', types: AUDIT_EVENT_TYPES.filter((t) => t.startsWith('ISSUE_') || t === 'ACCESS_DENIED') },
  { label: 'mappings', types: AUDIT_EVENT_TYPES.filter((t) => t.startsWith('MAPPING')) },
  { label: 'revocations', types: AUDIT_EVENT_TYPES.filter((t) => t.startsWith('REVOCATION_')) },
  { label: 'audit', types: AUDIT_EVENT_TYPES.filter((t) => t.startsWith('AUDIT_') || t === 'RETENTION_APPLIED') },
];

/** Outcomes that count as "failures only". */
export const FAILURE_OUTCOMES = AUDIT_OUTCOMES.filter((o) => o !== 'success');
