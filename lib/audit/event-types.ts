// The closed set of audit event types.
export const AUDIT_EVENT_TYPES = [
  'ISSUE_REQUESTED',
  'ISSUE_SUCCEEDED',
  /** Role chaining: the first hop (the hub role) was issued; its key signs the second hop and never reaches the person. */
  'ISSUE_HOP_SUCCEEDED',
  'ISSUE_FAILED',
  'ISSUE_DENIED',
  'ISSUE_RATE_LIMITED',
  'ISSUE_OUTCOME_UNKNOWN',
  'ACCESS_DENIED',
  /** An encoded authorization failure message decoded for someone (outcome success), or refused (denied / failure). */
  'AUTHORIZATION_MESSAGE_DECODED',
  'MAPPING_CREATED',
  'MAPPING_UPDATED',
  'MAPPING_DISABLED',
  'MAPPING_DELETED',
  'MAPPINGS_IMPORTED',
  'MAPPING_TESTED',
  'REVOCATION_CREATED',
  'REVOCATION_LIFTED',
  'RETENTION_APPLIED',
  'AUDIT_EXPORTED',
  'AUDIT_VERIFIED',
  'AUDIT_CHECKPOINT',
  'CLI_LOGIN',
  'CLI_LOGIN_DENIED',
  'CLI_TOKEN_REFRESHED',
  'CLI_TOKEN_REVOKED',
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export function isAuditEventType(v: string): v is AuditEventType {
  return (AUDIT_EVENT_TYPES as readonly string[]).includes(v);
}

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied', 'unknown'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
