// Human labels for the audit's event types and outcomes: the one mapping every page uses (the
// raw code stays in the event's detail and in exports). Pure. The labels are the message catalogs'
// (messages/<locale>/audit.json, `eventType.<TYPE>` and `outcome.<outcome>`); pages read them in
// the reader's language, and server messages (English) through the functions below.
import englishAudit from '@/messages/en/audit.json';
import { AUDIT_EVENT_TYPES, AUDIT_OUTCOMES, type AuditEventType, type AuditOutcome } from './event-types';

/** The English labels, from the English catalog: one wording, whichever code reads it. */
export const EVENT_TYPE_LABELS: Record<AuditEventType, string> = englishAudit.eventType;
export const OUTCOME_LABELS: Record<AuditOutcome, string> = englishAudit.outcome;

/** The label of a type; a code this version does not know (an older row) shows as written. */
export function eventTypeLabel(type: string): string {
  return (EVENT_TYPE_LABELS as Record<string, string>)[type] ?? type;
}

export function outcomeLabel(outcome: string | null): string | null {
  if (outcome === null) return null;
  return (OUTCOME_LABELS as Record<string, string>)[outcome] ?? outcome;
}

/** Types grouped the way a reviewer thinks of them, for the type filter. */
export const EVENT_TYPE_GROUPS: { label: 'issuance' | 'cli' | 'mappings' | 'revocations' | 'audit'; types: AuditEventType[] }[] = [
  { label: 'issuance', types: AUDIT_EVENT_TYPES.filter((t) => t.startsWith('ISSUE_') || t === 'ACCESS_DENIED' || t === 'AUTHORIZATION_MESSAGE_DECODED') },
  { label: 'cli', types: AUDIT_EVENT_TYPES.filter((t) => t.startsWith('CLI_')) },
  { label: 'mappings', types: AUDIT_EVENT_TYPES.filter((t) => t.startsWith('MAPPING')) },
  { label: 'revocations', types: AUDIT_EVENT_TYPES.filter((t) => t.startsWith('REVOCATION_')) },
  { label: 'audit', types: AUDIT_EVENT_TYPES.filter((t) => t.startsWith('AUDIT_') || t === 'RETENTION_APPLIED') },
];

/** Outcomes that count as "failures only". */
export const FAILURE_OUTCOMES = AUDIT_OUTCOMES.filter((o) => o !== 'success');
