'use client';
// The maximum duration, in hours and minutes (lib/mappings/duration-parts.ts turns them into the
// seconds the mapping stores).
import { useTranslations } from 'next-intl';
import { describedBy, FieldMessage, inputClass } from './field';

export function DurationField(props: { hours: string; minutes: string; error?: string; onChange: (hours: string, minutes: string) => void; onBlur: () => void }) {
  const t = useTranslations('mappings.form');
  const d = describedBy('maxDurationSeconds', props.error, true);
  return (
    <fieldset aria-describedby={d['aria-describedby']}>
      <legend className="block text-sm font-medium text-slate-800 dark:text-slate-200">{t('maxDuration')}</legend>
      <div className="mt-1 flex items-end gap-2">
        <label className="block text-xs text-slate-800 dark:text-slate-200">
          {t('hours')}
          <input id="maxDurationSeconds" inputMode="numeric" className={`${inputClass} w-20`} value={props.hours} onChange={(e) => props.onChange(e.target.value, props.minutes)} onBlur={props.onBlur} aria-invalid={d['aria-invalid']} />
        </label>
        <label className="block text-xs text-slate-800 dark:text-slate-200">
          {t('minutes')}
          <input id="maxDurationMinutes" inputMode="numeric" className={`${inputClass} w-20`} value={props.minutes} onChange={(e) => props.onChange(props.hours, e.target.value)} onBlur={props.onBlur} aria-invalid={d['aria-invalid']} />
        </label>
      </div>
      <FieldMessage id="maxDurationSeconds" error={props.error} hint={t('durationHint')} />
    </fieldset>
  );
}
