// /admin/mappings/new — the editor for a new mapping.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { MappingForm } from '@/components/admin/mapping-form';
import { EMPTY_MAPPING } from '@/components/admin/mapping-form-values';
import { ClientIntl } from '@/components/i18n/client-intl';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { requirePageActor } from '@/lib/http/page-auth';
import { listAccounts } from '@/lib/mappings/list-accounts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('mappings'))('page.newTitle') };
}

export default async function NewMappingPage() {
  await requirePageActor({ permission: ['mappings', 'create'], returnTo: '/admin/mappings/new' });
  const cfg = getConfig();
  const t = await getTranslations('mappings');
  const accounts = await listAccounts({ db: getDb() });
  return (
    <section aria-labelledby="new-mapping-title">
      <Link href="/admin/mappings" className="text-sm text-blue-800 underline dark:text-blue-300">
        {t('page.back')}
      </Link>
      <h1 id="new-mapping-title" className="mt-2 mb-6 text-2xl font-semibold">
        {t('page.newTitle')}
      </h1>
      <ClientIntl namespaces={['mappings']}>
        <MappingForm
          mode="create"
          initial={EMPTY_MAPPING}
          accounts={accounts}
          issuer={cfg.oidc.issuer}
          clientId={cfg.oidc.clientId}
          federation={{ deploymentMode: cfg.federationMode, issuer: cfg.broker.issuerUrl, audience: cfg.broker.audience, samlMetadataUrl: cfg.broker.saml?.metadataUrl ?? null }}
        />
      </ClientIntl>
    </section>
  );
}
