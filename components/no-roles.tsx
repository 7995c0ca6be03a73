// Shown when none of the person's groups maps to a role: what Keyport saw and who can help.
import { getTranslations } from 'next-intl/server';
import { supportContactFor } from '@/lib/config/default-support-contact';

export async function NoRoles({ groups, supportContact }: { groups: string[]; supportContact: string }) {
  const [t, common] = await Promise.all([getTranslations('catalog.noRoles'), getTranslations('common')]);
  return (
    <div className="mt-6 rounded-lg border border-amber-200 bg-amber-50 p-4 sm:p-6 dark:border-amber-800 dark:bg-amber-950" data-testid="no-roles">
      <h2 className="text-lg font-semibold text-amber-950 dark:text-amber-100">{t('heading')}</h2>
      <p className="mt-2 text-sm text-amber-900 dark:text-amber-200">{t('how')}</p>
      <p className="mt-3 text-sm text-amber-900 dark:text-amber-200">
        {t('groups')}{' '}
        {groups.length > 0 ? (
          groups.map((g) => (
            <code key={g} translate="no" className="mr-1 rounded bg-white px-1.5 py-0.5 text-xs dark:bg-amber-900">
              {g}
            </code>
          ))
        ) : (
          <em>{common('none')}</em>
        )}
      </p>
      <p className="mt-3 text-sm text-amber-900 dark:text-amber-200">{t.rich('ask', { contact: supportContactFor(supportContact, common('defaultSupportContact')), strong: (c) => <strong translate="no">{c}</strong> })}</p>
    </div>
  );
}
