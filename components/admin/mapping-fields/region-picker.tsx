'use client';
// Allowed regions: grouped by geography, with a search over code and place
// (lib/mappings/region-groups.ts). Only the role's partition is offered.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { AwsRegion } from '@/lib/mappings/aws-regions';
import { groupRegions, REGION_PLACES } from '@/lib/mappings/region-groups';
import { FieldMessage, inputClass } from './field';

export function RegionPicker(props: { regions: AwsRegion[]; selected: string[]; error?: string; onChange: (selected: string[]) => void }) {
  const t = useTranslations('mappings');
  const [search, setSearch] = useState('');
  const groups = groupRegions(props.regions, search);
  return (
    <fieldset aria-describedby={props.error ? 'allowedRegions-error' : 'allowedRegions-hint'} id="allowedRegions" tabIndex={-1} className="outline-none">
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t('form.allowedRegions')}</legend>
      <div className="mt-1 flex flex-wrap items-end gap-2">
        <label className="block min-w-0 flex-1 text-xs text-slate-800 dark:text-slate-200">
          {t('form.findRegion')}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} className={inputClass} />
        </label>
        <span className="text-xs text-slate-700 dark:text-slate-300" aria-live="polite">
          {t('form.selected', { count: props.selected.length })}
        </span>
      </div>
      <div tabIndex={0} role="group" aria-label={t('form.allowedRegions')} className="mt-2 grid max-h-72 gap-3 overflow-y-auto rounded border border-slate-300 p-2 dark:border-slate-700">
        {groups.length === 0 && <p className="text-xs text-slate-700 dark:text-slate-300">{t('form.noRegion', { search })}</p>}
        {groups.map((g) => (
          <div key={g.geography} role="group" aria-labelledby={`geo-${g.geography}`}>
            <p id={`geo-${g.geography}`} className="text-xs font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300">
              {t(`geography.${g.geography}`)}
            </p>
            <div className="mt-1 grid gap-1 text-xs sm:grid-cols-2">
              {g.regions.map((r) => (
                <label key={r} className="flex min-h-6 items-center gap-1.5" translate="no">
                  <input type="checkbox" checked={props.selected.includes(r)} onChange={(e) => props.onChange(e.target.checked ? [...props.selected, r] : props.selected.filter((x) => x !== r))} />
                  <span className="font-mono">{r}</span>{" "}
                  <span className="text-slate-700 dark:text-slate-300">{REGION_PLACES[r]}</span>
                </label>
              ))}
            </div>
          </div>
        ))}
      </div>
      <FieldMessage id="allowedRegions" error={props.error} hint={t('form.allowedRegionsHint')} />
    </fieldset>
  );
}
