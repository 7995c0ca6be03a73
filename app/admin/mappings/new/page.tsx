import type { Metadata } from 'next';
import Link from 'next/link';
import { MappingForm } from '@/components/admin/mapping-form';
import { EMPTY_MAPPING } from '@/components/admin/mapping-form-values';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { requirePageActor } from '@/lib/http/page-auth';
import { listAccounts } from '@/lib/mappings/list-accounts';

export const metadata: Metadata = { title: 'New mapping — Keyport' };

export default async function NewMappingPage() {
  await requirePageActor({ permission: ['mappings', 'create'], returnTo: '/admin/mappings/new' });
  const cfg = getConfig();
  const accounts = await listAccounts({ db: getDb() });
  return (
    <section>
      <Link href="/admin/mappings" className="text-sm text-blue-800 dark:text-blue-300 underline">← All mappings</Link>
      <h1 className="mt-2 mb-6 text-2xl font-semibold">New mapping</h1>
      <MappingForm mode="create" initial={EMPTY_MAPPING} accounts={accounts} issuer={cfg.oidc.issuer}
        clientId={cfg.oidc.clientId}
        federation={{ deploymentMode: cfg.federationMode, issuer: cfg.broker.issuerUrl, audience: cfg.broker.audience, samlMetadataUrl: cfg.broker.saml?.metadataUrl ?? null }}
      />
    </section>
  );
}
