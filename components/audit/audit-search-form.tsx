// The audit search: one search box (a key, a role, an account, an IP or a person — recognised
// by lib/audit/classify-search-term.ts), presets for the common windows and "failures only", and
// every other filter in "More filters". A plain GET form: the search lands in the URL, so it can be
// bookmarked and shared, and works before any script runs. Values are shown as typed, with what is
// wrong beside the field.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { EVENT_TYPE_GROUPS, eventTypeLabel, outcomeLabel } from '@/lib/audit/event-labels';
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

const GROUP_LABELS: Record<(typeof EVENT_TYPE_GROUPS)[number]['label'], string> = {
  issuance: 'Credentials',
  mappings: 'Mappings',
  revocations: 'Revocations',
  audit: 'Audit log',
};

function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-xs text-red-800 dark:text-red-300" data-testid={`filter-error-${id}`}>
      {error}
    </p>
  );
}

function Field(props: { label: string; name: keyof SearchValues; values: SearchValues; errors: Record<string, string>; hint?: string; type?: string; mono?: boolean; placeholder?: string }) {
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
        placeholder={props.placeholder}
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

export function AuditSearchForm({ action, values, errors, q }: { action: string; values: SearchValues; errors: Record<string, string>; q?: string }) {
  const open = ADVANCED.some((k) => values[k]) || Object.keys(errors).some((k) => (ADVANCED as string[]).includes(k));
  return (
    <div className="grid gap-3 rounded-lg border border-slate-300 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
      <form method="get" action={action} role="search" aria-label="Search the audit" className="grid gap-3">
        {/* The presets stay in force across a search from the box. */}
        {values.since && <input type="hidden" name="since" value={values.since} />}
        {values.failures && <input type="hidden" name="failures" value={values.failures} />}
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1 basis-64">
            <label htmlFor="audit-q" className="block text-xs font-medium text-slate-700 dark:text-slate-300">
              Search
            </label>
            <input
              id="audit-q"
              name="q"
              type="search"
              defaultValue={q ?? ''}
              aria-describedby="audit-q-hint"
              className={`${input} font-mono`}
              placeholder="ASIA…, arn:aws:iam::…, 123456789012, 203.0.113.7 or a person"
            />
            <p id="audit-q-hint" className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              An AccessKeyId (any case, spaces ignored), a role ARN, an account id, an IP address, or a person’s e-mail, name or session name.
            </p>
          </div>
          <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300">
            Search
          </button>
        </div>
      </form>
      <div className="flex flex-wrap items-center gap-2" aria-label="Quick filters" role="group">
        <span className="text-xs text-slate-700 dark:text-slate-300">Show:</span>
        <Preset href={withParam(action, values, 'since', values.since === '1h' ? null : '1h')} active={values.since === '1h'}>Last hour</Preset>
        <Preset href={withParam(action, values, 'since', values.since === '24h' ? null : '24h')} active={values.since === '24h'}>Last 24 hours</Preset>
        <Preset href={withParam(action, values, 'since', values.since === '7d' ? null : '7d')} active={values.since === '7d'}>Last 7 days</Preset>
        <Preset href={withParam(action, values, 'failures', values.failures ? null : '1')} active={Boolean(values.failures)}>Failures only</Preset>
        <Link href={action} className="ml-auto text-xs text-blue-800 underline dark:text-blue-300">
          Clear all
        </Link>
      </div>
      <details open={open} className="group">
        <summary className="cursor-pointer text-sm font-medium text-slate-800 dark:text-slate-200">More filters</summary>
        <form method="get" action={action} aria-label="More filters" className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {values.since && <input type="hidden" name="since" value={values.since} />}
          {values.failures && <input type="hidden" name="failures" value={values.failures} />}
          <div className="sm:col-span-2">
            <Field label="AccessKeyId" name="key" values={values} errors={errors} mono placeholder="ASIA…" hint="As CloudTrail shows it; lower case and spaces are fine." />
          </div>
          <Field label="Person" name="person" values={values} errors={errors} hint="E-mail, subject, session name or part of the name." />
          <Field label="IdP group" name="group" values={values} errors={errors} />
          <div className="sm:col-span-2">
            <Field label="Role ARN" name="role" values={values} errors={errors} mono placeholder="arn:aws:iam::123456789012:role/Name" />
          </div>
          <Field label="Account" name="account" values={values} errors={errors} mono placeholder="123456789012" />
          <Field label="Source IP" name="ip" values={values} errors={errors} mono />
          <div>
            <label htmlFor="filter-type" className="block text-xs font-medium text-slate-700 dark:text-slate-300">
              Event type
            </label>
            <select id="filter-type" name="type" defaultValue={values.type ?? ''} className={input} aria-invalid={errors.type ? true : undefined} aria-describedby={errors.type ? 'filter-type-error' : undefined}>
              <option value="">Any</option>
              {EVENT_TYPE_GROUPS.map((g) => (
                <optgroup key={g.label} label={GROUP_LABELS[g.label]}>
                  {g.types.map((t) => (
                    <option key={t} value={t}>
                      {eventTypeLabel(t)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <FieldError id="filter-type" error={errors.type} />
          </div>
          <div>
            <label htmlFor="filter-outcome" className="block text-xs font-medium text-slate-700 dark:text-slate-300">
              Outcome
            </label>
            <select id="filter-outcome" name="outcome" defaultValue={values.outcome ?? ''} className={input} aria-invalid={errors.outcome ? true : undefined} aria-describedby={errors.outcome ? 'filter-outcome-error' : undefined}>
              <option value="">Any</option>
              {AUDIT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {outcomeLabel(o)}
                </option>
              ))}
            </select>
            <FieldError id="filter-outcome" error={errors.outcome} />
          </div>
          {!values.since && <Field label="From (UTC)" name="from" type="datetime-local" values={values} errors={errors} />}
          <Field label="To (UTC)" name="to" type="datetime-local" values={values} errors={errors} />
          <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4">
            <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300">
              Apply filters
            </button>
          </div>
        </form>
      </details>
    </div>
  );
}
