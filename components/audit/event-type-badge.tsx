// An event type as a coloured badge with its human label (audit.eventType.<TYPE>, the labels of
// lib/audit/event-labels.ts); the raw code is in data-type and on the event's page. An issuance
// whose outcome is unknown stands out.
import { useTranslations } from 'next-intl';
import { isAuditEventType } from '@/lib/audit/event-types';

const TONE: Record<string, string> = {
  ISSUE_SUCCEEDED: 'bg-emerald-100 text-emerald-950 dark:bg-emerald-900 dark:text-emerald-50',
  ISSUE_HOP_SUCCEEDED: 'bg-emerald-50 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100',
  ISSUE_FAILED: 'bg-red-100 text-red-950 dark:bg-red-900 dark:text-red-50',
  ISSUE_DENIED: 'bg-red-100 text-red-950 dark:bg-red-900 dark:text-red-50',
  ISSUE_RATE_LIMITED: 'bg-orange-100 text-orange-950 dark:bg-orange-900 dark:text-orange-50',
  ISSUE_OUTCOME_UNKNOWN: 'bg-amber-300 text-amber-950 ring-2 ring-amber-600',
  ACCESS_DENIED: 'bg-red-50 text-red-950 dark:bg-red-950 dark:text-red-100',
  AUTHORIZATION_MESSAGE_DECODED: 'bg-sky-50 text-sky-950 dark:bg-sky-950 dark:text-sky-100',
  MAPPING_TESTED: 'bg-sky-100 text-sky-950 dark:bg-sky-900 dark:text-sky-50',
  REVOCATION_CREATED: 'bg-purple-100 text-purple-950 dark:bg-purple-900 dark:text-purple-50',
  REVOCATION_LIFTED: 'bg-purple-50 text-purple-950 dark:bg-purple-950 dark:text-purple-100',
};

export function EventTypeBadge({ type }: { type: string }) {
  const t = useTranslations('audit.eventType');
  // A code this version does not know (an older row) shows as written.
  const label = isAuditEventType(type) ? t(type) : type;
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${TONE[type] ?? 'bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100'}`} data-testid="event-type" data-type={type}>
      {type === 'ISSUE_OUTCOME_UNKNOWN' ? '⚠ ' : ''}
      {label}
    </span>
  );
}
