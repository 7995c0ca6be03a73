'use client';
// The maximum duration, in hours and minutes (lib/mappings/duration-parts.ts turns them into the
// seconds the mapping stores).
import { describedBy, FieldMessage, inputClass } from './field';

export function DurationField(props: { hours: string; minutes: string; error?: string; onChange: (hours: string, minutes: string) => void; onBlur: () => void }) {
  const d = describedBy('maxDurationSeconds', props.error, true);
  return (
    <fieldset aria-describedby={d['aria-describedby']}>
      <legend className="block text-sm font-medium text-slate-800 dark:text-slate-200">Maximum duration</legend>
      <div className="mt-1 flex items-end gap-2">
        <label className="block text-xs text-slate-800 dark:text-slate-200">
          Hours
          <input id="maxDurationSeconds" inputMode="numeric" className={`${inputClass} w-20`} value={props.hours} onChange={(e) => props.onChange(e.target.value, props.minutes)} onBlur={props.onBlur} aria-invalid={d['aria-invalid']} />
        </label>
        <label className="block text-xs text-slate-800 dark:text-slate-200">
          Minutes
          <input id="maxDurationMinutes" inputMode="numeric" className={`${inputClass} w-20`} value={props.minutes} onChange={(e) => props.onChange(props.hours, e.target.value)} onBlur={props.onBlur} aria-invalid={d['aria-invalid']} />
        </label>
      </div>
      <FieldMessage id="maxDurationSeconds" error={props.error} hint="From 15 minutes to 12 hours; the IAM role’s own maximum session duration must allow it." />
    </fieldset>
  );
}
