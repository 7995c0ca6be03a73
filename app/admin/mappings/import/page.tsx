// /admin/mappings/import — import a mappings file: every row checked, the changes shown, then applied.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ImportPanel } from '@/components/admin/import-panel';
import { ClientIntl } from '@/components/i18n/client-intl';
import { requirePageActor } from '@/lib/http/page-auth';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('mappings'))('importer.title') };
}

export default async function ImportPage() {
  await requirePageActor({ permission: ['mappings', 'import'], returnTo: '/admin/mappings/import' });
  const t = await getTranslations('mappings');
  return (
    <section aria-labelledby="import-title">
      <Link href="/admin/mappings" className="text-sm text-blue-800 underline dark:text-blue-300">
        {t('page.back')}
      </Link>
      <h1 id="import-title" className="mt-2 text-2xl font-semibold">
        {t('importer.title')}
      </h1>
      <p className="mt-1 mb-6 text-sm text-slate-700 dark:text-slate-300">
        {t.rich('importer.intro', {
          link: (c: ReactNode) => (
            <a href="/api/admin/mappings/export" download className="text-blue-800 underline dark:text-blue-300">
              {c}
            </a>
          ),
        })}
      </p>
      <ClientIntl namespaces={['mappings']}>
        <ImportPanel />
      </ClientIntl>
    </section>
  );
}
