// /devices — Your devices: the person's keyport CLI sign-ins, each revocable. Scoped to the person
// in the query (list-cli-tokens.ts).
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DevicesTable } from '@/components/cli/devices-table';
import { ClientIntl } from '@/components/i18n/client-intl';
import { listCliTokens } from '@/lib/cli-auth/list-cli-tokens';
import { getDb } from '@/lib/db/client';
import { requirePageActor } from '@/lib/http/page-auth';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('cli'))('devices.title') };
}

export default async function DevicesPage() {
  const actor = await requirePageActor({ permission: ['catalog', 'read'], returnTo: '/devices' });
  const devices = await listCliTokens({ db: getDb(), personSub: actor.sub });
  const t = await getTranslations('cli');
  return (
    <section>
      <h1 className="text-2xl font-semibold">{t('devices.title')}</h1>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{t.rich('devices.intro', { c: (x) => <code translate="no">{x}</code> })}</p>
      <ClientIntl namespaces={['cli']}>
        <DevicesTable devices={devices} />
      </ClientIntl>
    </section>
  );
}
