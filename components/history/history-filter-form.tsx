// The filters of a person's own history. A plain GET form: the filters land in the URL.
import { getTranslations } from 'next-intl/server';
import { AUDIT_OUTCOMES } from '@/lib/audit/event-types';
import type { FilterValues } from '@/components/audit/filter-values';

const TYPES = ['ISSUE_REQUESTED', 'ISSUE_SUCCEEDED', 'ISSUE_FAILED', 'ISSUE_DENIED', 'ISSUE_RATE_LIMITED', 'ISSUE_OUTCOME_UNKNOWN', 'ACCESS_DENIED'] as const;
const input = 'mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800';
const label = 'block text-xs font-medium text-slate-800 dark:text-slate-200';

export async function HistoryFilterForm({ values }: { values: FilterValues }) {
  const t = await getTranslations('history');
  return (
    <form method="get" action="/history" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4 dark:border-slate-700 dark:bg-slate-900" role="search" aria-label={t('filter')}>
      <label className={label}>
        {t('type')}
        <select name="type" defaultValue={values.type ?? ''} className={input}>
          <option value="">{t('any')}</option>
          {TYPES.map((x) => (
            <option key={x} value={x}>
              {t(`types.${x}`)}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        {t('outcome')}
        <select name="outcome" defaultValue={values.outcome ?? ''} className={input}>
          <option value="">{t('any')}</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`outcomes.${o}`)}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        {t('from')}
        <input name="from" type="datetime-local" defaultValue={values.from ?? ''} className={input} />
      </label>
      <label className={label}>
        {t('to')}
        <input name="to" type="datetime-local" defaultValue={values.to ?? ''} className={input} />
      </label>
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4">
        <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700 dark:bg-white dark:text-slate-900">
          {t('search')}
        </button>
        <a href="/history" className="rounded-md border border-slate-400 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100 dark:border-slate-500 dark:text-slate-200 dark:hover:bg-slate-800">
          {t('clear')}
        </a>
      </div>
    </form>
  );
}
