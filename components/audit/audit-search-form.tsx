// The audit search: one search box (a key, a role, an account, an IP or a person — recognised
// by lib/audit/classify-search-term.ts), presets for the common windows and "failures only", and
// every other filter in "More filters". A plain GET form: the search lands in the URL, so it can be
// bookmarked and shared, and works before any script runs. Values are shown as typed, with what is
// wrong beside the field.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { EVENT_TYPE_GROUPS } from '@/lib/audit/event-labels';
import { AUDIT_OUTCOMES } from '@/lib/audit/event-types';

export interface SearchValues {
  key?: string;
  person?: string;
  group?: string;
  role?: string;
  account?: string;
  type?: string;
  outcome?: string;
  ip?: string;
  from?: string;
  to?: string;
  since?: string;
  failures?: string;
}

const ADVANCED: (keyof SearchValues)[] = ['key', 'person', 'group', 'role', 'account', 'type', 'outcome', 'ip', 'from', 'to'];
const input = 'mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900 aria-[invalid=true]:border-red-700 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100';

function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-xs text-red-800 dark:text-red-300" data-testid={`filter-error-${id}`}>
      {error}
    </p>
  );
}

function Field(props: { label: string; name: keyof SearchValues; values: SearchValues; errors: Record<string, string>; hint?: string; type?: string; mono?: boolean }) {
  const id = `filter-${props.name}`;
  const error = props.errors[props.name];
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        defaultValue={props.values[props.name] ?? ''}
        className={`${input} ${props.mono ? 'font-mono' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : props.hint ? `${id}-hint` : undefined}
      />
      {props.hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {props.hint}
        </p>
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}

function Preset({ href, active, children }: { href: string; active: boolean; children: ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={active ? 'true' : undefined}
      className={`rounded-full border px-3 py-1 text-xs font-medium ${active ? 'border-slate-900 bg-slate-900 text-white dark:border-slate-100 dark:bg-slate-100 dark:text-slate-900' : 'border-slate-400 text-slate-800 hover:bg-slate-100 dark:border-slate-500 dark:text-slate-200 dark:hover:bg-slate-800'}`}
    >
      {children}
    </Link>
  );
}

/** The current search with one parameter set (or removed when `value` is null), as a URL. */
export function withParam(action: string, values: SearchValues, name: keyof SearchValues, value: string | null): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v && k !== name && !(name === 'since' && k === 'from')) p.set(k, v);
  if (value !== null) p.set(name, value);
  const qs = p.toString();
  return qs ? `${action}?${qs}` : action;
}

/** `errors`: per parameter, the message to show (already in the reader's language). */
export function AuditSearchForm({ action, values, errors, q }: { action: string; values: SearchValues; errors: Record<string, string>; q?: string }) {
  const t = useTranslations('audit');
  const open = ADVANCED.some((k) => values[k]) || Object.keys(errors).some((k) => (ADVANCED as string[]).includes(k));
  return (
    <div className="grid gap-3 rounded-lg border border-slate-300 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
      <form method="get" action={action} role="search" aria-label={t('search.formLabel')} className="grid gap-3">
        {/* The presets stay in force across a search from the box. */}
        {values.since && <input type="hidden" name="since" value={values.since} />}
        {values.failures && <input type="hidden" name="failures" value={values.failures} />}
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1 basis-64">
            <label htmlFor="audit-q" className="block text-xs font-medium text-slate-700 dark:text-slate-300">
              {t('search.label')}
            </label>
            <input
              id="audit-q"
              name="q"
              type="search"
              defaultValue={q ?? ''}
              aria-describedby="audit-q-hint"
              className={`${input} font-mono`}
            />
            <p id="audit-q-hint" className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              {t('search.hint')}
            </p>
          </div>
          <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300">
            {t('search.button')}
          </button>
        </div>
      </form>
      <div className="flex flex-wrap items-center gap-2" aria-label={t('search.quick')} role="group">
        <span className="text-xs text-slate-700 dark:text-slate-300">{t('search.show')}</span>
        <Preset href={withParam(action, values, 'since', values.since === '1h' ? null : '1h')} active={values.since === '1h'}>{t('search.lastHour')}</Preset>
        <Preset href={withParam(action, values, 'since', values.since === '24h' ? null : '24h')} active={values.since === '24h'}>{t('search.last24h')}</Preset>
        <Preset href={withParam(action, values, 'since', values.since === '7d' ? null : '7d')} active={values.since === '7d'}>{t('search.last7d')}</Preset>
        <Preset href={withParam(action, values, 'failures', values.failures ? null : '1')} active={Boolean(values.failures)}>{t('search.failuresOnly')}</Preset>
        <Link href={action} className="ml-auto text-xs text-blue-800 underline dark:text-blue-300">
          {t('search.clearAll')}
        </Link>
      </div>
      <details open={open} className="group">
        <summary className="cursor-pointer text-sm font-medium text-slate-800 dark:text-slate-200">{t('search.more')}</summary>
        <form method="get" action={action} aria-label={t('search.more')} className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {values.since && <input type="hidden" name="since" value={values.since} />}
          {values.failures && <input type="hidden" name="failures" value={values.failures} />}
          <div className="sm:col-span-2">
            <Field label={t('search.key')} name="key" values={values} errors={errors} mono hint={t('search.keyHint')} />
          </div>
          <Field label={t('search.person')} name="person" values={values} errors={errors} hint={t('search.personHint')} />
          <Field label={t('search.group')} name="group" values={values} errors={errors} />
          <div className="sm:col-span-2">
            <Field label={t('search.role')} name="role" values={values} errors={errors} mono />
          </div>
          <Field label={t('search.account')} name="account" values={values} errors={errors} mono />
          <Field label={t('search.ip')} name="ip" values={values} errors={errors} mono />
          <div>
            <label htmlFor="filter-type" className="block text-xs font-medium text-slate-700 dark:text-slate-300">
              {t('search.type')}
            </label>
            <select id="filter-type" name="type" defaultValue={values.type ?? ''} className={input} aria-invalid={errors.type ? true : undefined} aria-describedby={errors.type ? 'filter-type-error' : undefined}>
              <option value="">{t('search.any')}</option>
              {EVENT_TYPE_GROUPS.map((g) => (
                <optgroup key={g.label} label={t(`typeGroups.${g.label}`)}>
                  {g.types.map((type) => (
                    <option key={type} value={type}>
                      {t(`eventType.${type}`)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <FieldError id="filter-type" error={errors.type} />
          </div>
          <div>
            <label htmlFor="filter-outcome" className="block text-xs font-medium text-slate-700 dark:text-slate-300">
              {t('search.outcome')}
            </label>
            <select id="filter-outcome" name="outcome" defaultValue={values.outcome ?? ''} className={input} aria-invalid={errors.outcome ? true : undefined} aria-describedby={errors.outcome ? 'filter-outcome-error' : undefined}>
              <option value="">{t('search.any')}</option>
              {AUDIT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`outcome.${o}`)}
                </option>
              ))}
            </select>
            <FieldError id="filter-outcome" error={errors.outcome} />
          </div>
          {!values.since && <Field label={t('search.from')} name="from" type="datetime-local" values={values} errors={errors} />}
          <Field label={t('search.to')} name="to" type="datetime-local" values={values} errors={errors} />
          <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4">
            <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300">
              {t('search.apply')}
            </button>
          </div>
        </form>
      </details>
    </div>
  );
}
