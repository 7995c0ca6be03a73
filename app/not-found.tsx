import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('pages'))('notFoundTitle') };
}

export default async function NotFound() {
  const [t, common] = await Promise.all([getTranslations('pages'), getTranslations('common')]);
  return (
    <div className="mx-auto mt-12 max-w-md text-center">
      <h1 className="text-2xl font-semibold">{t('notFoundTitle')}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">{t('notFoundBody')}</p>
      <Link href="/" className="mt-4 inline-block text-sm text-blue-700 underline dark:text-sky-400">
        {common('backToRoles')}
      </Link>
    </div>
  );
}
