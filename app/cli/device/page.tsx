// /cli/device — the verification page of `keyport login --device-code` (RFC 8628 3.3): the person
// types the code from their terminal (never taken from the link: a code in a link is how device
// code phishing works, RFC 8628 5.4), sees who asked (address, program) and confirms.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DeviceApproval } from '@/components/cli/device-approval';
import { ClientIntl } from '@/components/i18n/client-intl';
import { requirePageActor } from '@/lib/http/page-auth';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('cli'))('device.title') };
}

export default async function CliDevicePage() {
  await requirePageActor({ permission: ['catalog', 'read'], returnTo: '/cli/device' });
  const t = await getTranslations('cli');
  return (
    <section className="mx-auto max-w-xl">
      <h1 className="text-2xl font-semibold">{t('device.title')}</h1>
      <p className="mt-2 text-sm text-slate-800 dark:text-slate-200">{t.rich('device.intro', { c: (x) => <code translate="no">{x}</code> })}</p>
      <ClientIntl namespaces={['cli']}>
        <DeviceApproval />
      </ClientIntl>
    </section>
  );
}
