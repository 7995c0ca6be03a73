'use client';
// Shown when a page fails on the server. The digest lets support find the server log line;
// the error text itself is never shown.
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('pages');
  const common = useTranslations('common');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="mx-auto mt-12 max-w-md text-center">
      <title>{t('errorTitle')}</title>
      <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold">
        {t('errorTitle')}
      </h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        {t('errorBody')} {error.digest ? t.rich('errorReference', { digest: error.digest, code: (c) => <code>{c}</code> }) : null}
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
        {common('tryAgain')}
      </button>
    </div>
  );
}
