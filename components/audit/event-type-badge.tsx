// An event type as a coloured badge; an issuance whose outcome is unknown stands out.
const TONE: Record<string, string> = {
  ISSUE_SUCCEEDED: 'bg-emerald-100 text-emerald-900',
  ISSUE_HOP_SUCCEEDED: 'bg-emerald-50 text-emerald-900',
  ISSUE_FAILED: 'bg-red-100 text-red-900',
  ISSUE_DENIED: 'bg-red-100 text-red-900',
  ISSUE_RATE_LIMITED: 'bg-orange-100 text-orange-900',
  ISSUE_OUTCOME_UNKNOWN: 'bg-amber-300 text-amber-950 ring-2 ring-amber-500',
  ACCESS_DENIED: 'bg-red-50 text-red-900',
  AUTHORIZATION_MESSAGE_DECODED: 'bg-sky-100 text-sky-900',
  REVOCATION_CREATED: 'bg-purple-100 text-purple-900',
  REVOCATION_LIFTED: 'bg-purple-50 text-purple-800',
};

export function EventTypeBadge({ type }: { type: string }) {
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 font-mono text-[11px] font-semibold ${TONE[type] ?? 'bg-slate-100 text-slate-800'}`} data-testid="event-type">
      {type === 'ISSUE_OUTCOME_UNKNOWN' ? '⚠ ' : ''}
      {type}
    </span>
  );
}
