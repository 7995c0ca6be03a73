// /decode — "Why was I denied?": paste an AWS error with an encoded authorization failure message;
// Keyport decodes it (POST /api/decode) for the person the session was issued to, or a reviewer.
import { getTranslations } from 'next-intl/server';
import { DecodeForm } from '@/components/decode/decode-form';
import { ClientIntl } from '@/components/i18n/client-intl';
import { getDb } from '@/lib/db/client';
import { listDecodeAccounts } from '@/lib/decode/list-decode-accounts';
import { requirePageActor } from '@/lib/http/page-auth';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('decode'))('title') };
}

export default async function DecodePage() {
  const actor = await requirePageActor({ permission: ['authz-messages', 'decode'], returnTo: '/decode' });
  const [accounts, t] = await Promise.all([listDecodeAccounts({ db: getDb(), actor }), getTranslations('decode')]);
  return (
    <section className="max-w-3xl">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{t('intro')}</p>
      <ClientIntl namespaces={['decode']}>
        <DecodeForm accounts={accounts} />
      </ClientIntl>
    </section>
  );
}
