// A page of audit events, newest first. Rows link to the event's detail when `detailHref` is given.
import Link from 'next/link';
import type { AuditEventView } from '@/lib/audit/audit-event-view';
import { EventTime } from './event-time';
import { EventTypeBadge } from './event-type-badge';

export function AuditEventsTable({ events, detailHref }: { events: AuditEventView[]; detailHref?: (id: string) => string }) {
  if (events.length === 0) return <p className="mt-6 text-sm text-slate-600" data-testid="audit-empty">No event matches this search.</p>;
  return (
    <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2">Time</th>
            <th className="px-3 py-2">Event</th>
            <th className="px-3 py-2">Person</th>
            <th className="px-3 py-2">Role</th>
            <th className="px-3 py-2">Session / key</th>
            <th className="px-3 py-2">From</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-testid="audit-row" className={`border-t border-slate-100 align-top ${e.type === 'ISSUE_OUTCOME_UNKNOWN' ? 'bg-amber-50' : ''}`}>
              <td className="px-3 py-2">
                <EventTime iso={e.occurredAt} stacked />
              </td>
              <td className="px-3 py-2">
                <EventTypeBadge type={e.type} />
                {e.errorCode && <div className="mt-1 font-mono text-xs text-red-800">{e.errorCode}</div>}
                {detailHref && (
                  <div className="mt-1">
                    <Link href={detailHref(e.id)} className="text-xs text-blue-700 underline" aria-label={`Details of event ${e.id}`}>
                      Details #{e.id}
                    </Link>
                  </div>
                )}
              </td>
              <td className="px-3 py-2">
                <div>{e.actorName ?? e.actorEmail ?? e.actorSub ?? '—'}</div>
                {e.actorEmail && e.actorName && <div className="text-xs text-slate-500">{e.actorEmail}</div>}
              </td>
              <td className="px-3 py-2 break-all font-mono text-xs">{e.roleArn ?? '—'}</td>
              <td className="px-3 py-2 font-mono text-xs">
                <div>{e.sessionName ?? ''}</div>
                <div data-testid="row-access-key-id">{e.accessKeyId ?? ''}</div>
              </td>
              <td className="px-3 py-2 font-mono text-xs">{e.sourceIp ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
