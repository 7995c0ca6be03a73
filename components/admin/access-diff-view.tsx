// Whose access a change adds or removes: per group, and per person last seen with the groups.
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { AccessDiff } from '@/lib/mappings/diff-access';

const data = (chunks: ReactNode) => <span translate="no">{chunks}</span>;

function roleName(arn: string): string {
  return arn.split(':').slice(4).join(':');
}

export function AccessDiffView({ diff }: { diff: AccessDiff }) {
  const t = useTranslations('mappings.diff');
  if (diff.groups.length === 0 && diff.people.length === 0) {
    return (
      <p className="text-sm text-slate-800 dark:text-slate-200" data-testid="access-diff">
        {t('none')}
      </p>
    );
  }
  return (
    <div className="grid gap-3 text-sm" data-testid="access-diff">
      <div>
        <h3 className="font-medium text-slate-900 dark:text-slate-100">{t('byGroup')}</h3>
        <ul className="mt-1 list-disc pl-5">
          {diff.groups.map((g) => (
            <li key={g.group} translate="no">
              <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">{g.group}</code>
              {g.added.map((r) => (
                <span key={`+${r}`} className="ml-2 text-green-900 dark:text-green-300">+ {roleName(r)}</span>
              ))}
              {g.removed.map((r) => (
                <span key={`-${r}`} className="ml-2 text-red-900 dark:text-red-300">− {roleName(r)}</span>
              ))}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="font-medium text-slate-900 dark:text-slate-100">{t('people')}</h3>
        {diff.people.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">{t('nobody')}</p>
        ) : (
          <ul className="mt-1 list-disc pl-5">
            {diff.people.map((p) => (
              <li key={p.sub}>
                <span translate="no">{p.name ?? p.email ?? p.sub}</span>
                {p.email && p.name ? <span translate="no" className="text-slate-700 dark:text-slate-300"> ({p.email})</span> : null}
                {p.added.map((r) => (
                  <span key={`+${r}`} className="ml-2 text-green-900 dark:text-green-300">{t.rich('gains', { data, role: roleName(r) })}</span>
                ))}
                {p.removed.map((r) => (
                  <span key={`-${r}`} className="ml-2 text-red-900 dark:text-red-300">{t.rich('loses', { data, role: roleName(r) })}</span>
                ))}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
