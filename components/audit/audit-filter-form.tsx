// The audit search form. A plain GET form: the filters land in the URL, so a search can be
// bookmarked and shared, and the page works before any script runs.
import { AUDIT_EVENT_TYPES, AUDIT_OUTCOMES } from '@/lib/audit/event-types';

export interface FilterValues {
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
}

const input = 'mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm';

function Field({ label, name, value, placeholder, type = 'text', mono = false }: { label: string; name: string; value?: string; placeholder?: string; type?: string; mono?: boolean }) {
  return (
    <label className="block text-xs font-medium text-slate-700">
      {label}
      <input name={name} type={type} defaultValue={value ?? ''} placeholder={placeholder} className={`${input} ${mono ? 'font-mono' : ''}`} />
    </label>
  );
}

export function AuditFilterForm({ action, values, fields = 'all' }: { action: string; values: FilterValues; fields?: 'all' | 'own' }) {
  return (
    <form method="get" action={action} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4" role="search" aria-label="Filter events">
      {fields === 'all' && (
        <>
          <div className="sm:col-span-2">
            <Field label="AccessKeyId (exact, as CloudTrail shows it)" name="key" value={values.key} placeholder="ASIA…" mono />
          </div>
          <Field label="Person (e-mail, subject, session name or name)" name="person" value={values.person} />
          <Field label="IdP group" name="group" value={values.group} />
          <div className="sm:col-span-2">
            <Field label="Role ARN" name="role" value={values.role} placeholder="arn:aws:iam::123456789012:role/Name" mono />
          </div>
          <Field label="Account" name="account" value={values.account} placeholder="123456789012" mono />
          <Field label="Source IP" name="ip" value={values.ip} mono />
        </>
      )}
      <label className="block text-xs font-medium text-slate-700">
        Event type
        <select name="type" defaultValue={values.type ?? ''} className={input}>
          <option value="">Any</option>
          {AUDIT_EVENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-xs font-medium text-slate-700">
        Outcome
        <select name="outcome" defaultValue={values.outcome ?? ''} className={input}>
          <option value="">Any</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <Field label="From (UTC)" name="from" type="datetime-local" value={values.from} />
      <Field label="To (UTC)" name="to" type="datetime-local" value={values.to} />
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4">
        <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
          Search
        </button>
        <a href={action} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100">
          Clear
        </a>
      </div>
    </form>
  );
}
