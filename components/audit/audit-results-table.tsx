// The audit search's results: a request and its outcome as one row (the request behind a
// disclosure), human labels, and every person, role, key and IP a link to the search for it.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { AuditRow } from '@/lib/audit/group-issuance-rows';
import type { AuditEventView } from '@/lib/audit/audit-event-view';
import { EventTime } from './event-time';
import { EventTypeBadge } from './event-type-badge';

const link = 'text-blue-800 underline decoration-dotted underline-offset-2 hover:decoration-solid dark:text-blue-300';

function filterHref(name: string, value: string): string {
  return `/audit?${new URLSearchParams([[name, value]]).toString()}`;
}

function Person({ e }: { e: AuditEventView }) {
  const t = useTranslations('audit.table');
  const label = e.actorName ?? e.actorEmail ?? e.actorSub;
  if (!label) return <span className="text-slate-600 dark:text-slate-400">—</span>;
  return (
    <div translate="no">
      {e.actorSub ? (
        <Link href={filterHref('person', e.actorSub)} className={link} aria-label={t('eventsOf', { name: label })}>
          {label}
        </Link>
      ) : (
        label
      )}
      {e.actorEmail && e.actorName && <div className="break-all text-xs text-slate-600 dark:text-slate-400">{e.actorEmail}</div>}
    </div>
  );
}

export function AuditResultsTable({ rows }: { rows: AuditRow[] }) {
  const t = useTranslations('audit');
  if (rows.length === 0) return <p className="mt-6 text-sm text-slate-700 dark:text-slate-300" data-testid="audit-empty">{t('table.empty')}</p>;
  return (
    <div tabIndex={0} role="region" aria-label={t('table.caption')} className="relative mt-4 overflow-x-auto rounded-lg border border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <caption className="sr-only">{t('table.caption')}</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-700 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-3 py-2">{t('table.time')}</th>
            <th scope="col" className="px-3 py-2">{t('table.event')}</th>
            <th scope="col" className="px-3 py-2">{t('table.person')}</th>
            <th scope="col" className="px-3 py-2">{t('table.role')}</th>
            <th scope="col" className="px-3 py-2">{t('table.sessionKey')}</th>
            <th scope="col" className="px-3 py-2">{t('table.from')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ event: e, request }) => (
            <tr key={e.id} data-testid="audit-row" data-event-id={e.id} className={`border-t border-slate-200 align-top dark:border-slate-700 ${e.type === 'ISSUE_OUTCOME_UNKNOWN' ? 'bg-amber-50 dark:bg-amber-950' : ''}`}>
              <td className="px-3 py-2">
                <EventTime iso={e.occurredAt} stacked />
              </td>
              <td className="px-3 py-2">
                <EventTypeBadge type={e.type} />
                {e.outcome && e.outcome !== 'success' && <div className="mt-1 text-xs text-slate-700 dark:text-slate-300">{t(`outcome.${e.outcome}` as 'outcome.failure')}</div>}
                {e.errorCode && <div translate="no" className="mt-1 font-mono text-xs text-red-800 dark:text-red-300">{e.errorCode}</div>}
                <div className="mt-1">
                  <Link href={`/audit/events/${e.id}`} className="inline-block py-1 text-xs text-blue-800 underline dark:text-blue-300">
                    {t('table.detailsLabel', { id: e.id })}
                  </Link>
                </div>
                {request && (
                  <details className="mt-1 text-xs" data-testid="row-request">
                    <summary className="cursor-pointer py-1 text-slate-700 dark:text-slate-300">{t('table.request', { id: request.id })}</summary>
                    <div className="mt-1 grid gap-0.5 border-l-2 border-slate-300 pl-2 dark:border-slate-600">
                      <EventTypeBadge type={request.type} />
                      <EventTime iso={request.occurredAt} stacked />
                      {request.durationSeconds && <span>{t('table.minutesRegion', { minutes: Math.round(request.durationSeconds / 60), region: request.region ?? '' })}</span>}
                      <Link href={`/audit/events/${request.id}`} className="inline-block py-1 text-blue-800 underline dark:text-blue-300">
                        {t('table.detailsLabel', { id: request.id })}
                      </Link>
                    </div>
                  </details>
                )}
              </td>
              <td className="px-3 py-2">
                <Person e={e} />
              </td>
              <td translate="no" className="max-w-[16rem] px-3 py-2 font-mono text-xs break-all">
                {e.roleArn ? (
                  <Link href={filterHref('role', e.roleArn)} className={link} aria-label={t('table.eventsOfRole', { role: e.roleArn })}>
                    {e.roleArn}
                  </Link>
                ) : (
                  '—'
                )}
              </td>
              <td translate="no" className="px-3 py-2 font-mono text-xs break-all">
                <div>{e.sessionName ?? ''}</div>
                {e.accessKeyId && (
                  <Link href={filterHref('key', e.accessKeyId)} className={link} data-testid="row-access-key-id" aria-label={t('table.eventsOfKey', { key: e.accessKeyId })}>
                    {e.accessKeyId}
                  </Link>
                )}
              </td>
              <td translate="no" className="px-3 py-2 font-mono text-xs">
                {e.sourceIp ? (
                  <Link href={filterHref('ip', e.sourceIp)} className={link} aria-label={t('table.eventsFrom', { ip: e.sourceIp })}>
                    {e.sourceIp}
                  </Link>
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
