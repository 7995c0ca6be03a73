// A page of events as the reviewer reads it: a credential request and its outcome (the same
// intent id) become one row, the outcome in front, the request behind it to expand. Pure. An
// event whose partner is not on this page (the page ends between them) stays a row of its own;
// no event is ever dropped or shown twice.
import type { AuditEventView } from './audit-event-view';

export interface AuditRow {
  /** The event the row shows: the outcome when there is one. */
  event: AuditEventView;
  /** The request that led to it (ISSUE_REQUESTED), when both are on the page. */
  request: AuditEventView | null;
}

export function groupIssuanceRows(events: AuditEventView[]): AuditRow[] {
  const requests = new Map<string, AuditEventView>();
  for (const e of events) if (e.type === 'ISSUE_REQUESTED' && e.intentId) requests.set(e.intentId, e);
  const paired = new Set<string>();
  const rows: AuditRow[] = [];
  for (const e of events) {
    if (e.type !== 'ISSUE_REQUESTED' && e.intentId) {
      const request = requests.get(e.intentId);
      if (request && !paired.has(request.id)) {
        paired.add(request.id);
        rows.push({ event: e, request });
        continue;
      }
    }
    rows.push({ event: e, request: null });
  }
  // A request whose outcome came later (newer) is listed after it; drop it where it stood alone.
  return rows.filter((r) => !(r.event.type === 'ISSUE_REQUESTED' && r.request === null && paired.has(r.event.id)));
}
