// A person's own events, newest first, in words (the reviewers' audit table shows the raw types).
import { getFormatter, getNow, getTranslations } from 'next-intl/server';
import type { AuditEventView } from '@/lib/audit/audit-event-view';
import { formatDuration } from '@/components/i18n/format-duration';
import { HistoryTime } from './history-time';

const KNOWN = ['ISSUE_REQUESTED', 'ISSUE_SUCCEEDED', 'ISSUE_FAILED', 'ISSUE_DENIED', 'ISSUE_RATE_LIMITED', 'ISSUE_OUTCOME_UNKNOWN', 'ACCESS_DENIED'];
const TONE: Record<string, string> = {
  ISSUE_SUCCEEDED: 'bg-emerald-100 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-200',
  ISSUE_FAILED: 'bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-200',
  ISSUE_DENIED: 'bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-200',
  ISSUE_RATE_LIMITED: 'bg-orange-100 text-orange-950 dark:bg-orange-950 dark:text-orange-200',
  ISSUE_OUTCOME_UNKNOWN: 'bg-amber-200 text-amber-950 ring-2 ring-amber-500 dark:bg-amber-900 dark:text-amber-100',
};

export async function HistoryEvents({ events }: { events: AuditEventView[] }) {
  const [t, common, format, now] = await Promise.all([getTranslations('history'), getTranslations('common'), getFormatter(), getNow()]);
  if (events.length === 0) {
    return (
      <p className="mt-6 text-sm text-slate-700 dark:text-slate-300" data-testid="audit-empty">
        {t('empty')}
      </p>
    );
  }
  const cell = 'px-3 py-2';
  return (
    <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900" tabIndex={0} role="region" aria-label={t('heading')}>
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs tracking-wide text-slate-700 uppercase dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th className={cell}>{t('columns.time')}</th>
            <th className={cell}>{t('columns.event')}</th>
            <th className={cell}>{t('columns.role')}</th>
            <th className={`${cell} hidden md:table-cell`}>{t('columns.session')}</th>
            <th className={`${cell} hidden md:table-cell`}>{t('columns.from')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-testid="audit-row" className="border-t border-slate-100 align-top dark:border-slate-800">
              <td className={cell}>
                <HistoryTime iso={e.occurredAt} />
              </td>
              <td className={cell}>
                <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${TONE[e.type] ?? 'bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100'}`} data-testid="event-type" data-type={e.type}>
                  {t(`types.${KNOWN.includes(e.type) ? e.type : 'other'}` as never)}
                </span>
                {e.errorCode && (
                  <div className="mt-1 font-mono text-xs text-red-800 dark:text-red-300" translate="no">
                    {e.errorCode}
                  </div>
                )}
                {e.type === 'ISSUE_SUCCEEDED' && e.durationSeconds && e.region && (
                  <div className="mt-1 text-xs text-slate-700 dark:text-slate-300">{t('issuedDetail', { duration: formatDuration(common, e.durationSeconds), region: e.region })}</div>
                )}
                {e.type === 'ISSUE_SUCCEEDED' && e.expiresAt && (
                  <div className="text-xs text-slate-700 dark:text-slate-300">{new Date(e.expiresAt) <= now ? t('expired') : t('expires', { when: format.relativeTime(new Date(e.expiresAt), now) })}</div>
                )}
              </td>
              <td className={`${cell} font-mono text-xs break-all`} translate="no">
                {e.roleArn ?? '—'}
              </td>
              <td className={`${cell} hidden font-mono text-xs md:table-cell`} translate="no">
                <div>{e.sessionName ?? ''}</div>
                <div data-testid="row-access-key-id">{e.accessKeyId ?? ''}</div>
              </td>
              <td className={`${cell} hidden font-mono text-xs md:table-cell`} translate="no">
                {e.sourceIp ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
