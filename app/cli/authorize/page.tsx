// /cli/authorize — the consent page of `keyport login` (OAuth 2.0 authorization code with PKCE and
// a loopback redirect, RFC 8252). The request is checked before anything is shown, and a request
// that fails the check is never redirected back (RFC 6749 4.1.2.1): its redirect URI may not be the CLI's.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuthorizeDecision } from '@/components/cli/authorize-decision';
import { ClientIntl } from '@/components/i18n/client-intl';
import { loopbackRedirectProblem } from '@/lib/cli-auth/loopback-redirect';
import { authorizationRequest } from '@/lib/cli-api/schemas';
import { requirePageActor } from '@/lib/http/page-auth';

type Search = Record<string, string | string[] | undefined>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('cli'))('authorize.title') };
}

export default async function CliAuthorizePage({ searchParams }: { searchParams: Promise<Search> }) {
  const query = await searchParams;
  const flat = Object.fromEntries(Object.entries(query).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])));
  await requirePageActor({ permission: ['catalog', 'read'], returnTo: `/cli/authorize?${new URLSearchParams(flat).toString()}` });
  const t = await getTranslations('cli');
  const c = (x: React.ReactNode) => <code translate="no">{x}</code>;
  const parsed = authorizationRequest.safeParse(flat);
  const problem = parsed.success ? loopbackRedirectProblem(parsed.data.redirect_uri) : 'invalid';
  if (!parsed.success || problem) {
    return (
      <section className="mx-auto max-w-xl">
        <h1 className="text-2xl font-semibold">{t('authorize.title')}</h1>
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {t('authorize.invalid')}
        </p>
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{t.rich('authorize.invalidHint', { c })}</p>
      </section>
    );
  }
  const r = parsed.data;
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="text-2xl font-semibold">{t('authorize.title')}</h1>
      <p className="mt-2 text-sm text-slate-800 dark:text-slate-200">{t.rich('authorize.intro', { c })}</p>
      <p className="mt-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">{t.rich('authorize.onlyIfYou', { c })}</p>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-700 dark:text-slate-300">{t('authorize.client')}</dt>
        <dd data-testid="cli-client-name" translate="no" className="min-w-0 break-words">{r.client_name ?? 'keyport CLI'}</dd>
        <dt className="text-slate-700 dark:text-slate-300">{t('authorize.returnsTo')}</dt>
        <dd className="min-w-0 font-mono break-all" translate="no">{r.redirect_uri}</dd>
      </dl>
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{t('authorize.endsWith')}</p>
      <ClientIntl namespaces={['cli']}>
        <AuthorizeDecision request={r} />
      </ClientIntl>
    </section>
  );
}
