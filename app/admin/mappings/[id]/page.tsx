// /admin/mappings/:id — one mapping: a warning at the top when its recent issuances fail (with the
// count and the fix), its status, "Test this mapping", and the editor.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { MappingForm } from '@/components/admin/mapping-form';
import { formValuesOf } from '@/components/admin/mapping-form-values';
import { MappingStatusActions } from '@/components/admin/mapping-status-actions';
import { TestMappingButton } from '@/components/admin/test-mapping-button';
import { EventTime } from '@/components/audit/event-time';
import { ClientIntl } from '@/components/i18n/client-intl';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';
import { requirePageActor } from '@/lib/http/page-auth';
import { getMapping } from '@/lib/mappings/get-mapping';
import { listAccounts } from '@/lib/mappings/list-accounts';
import { readMappingHealth } from '@/lib/mappings/read-mapping-health';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('mappings'))('page.title') };
}

const data = (chunks: ReactNode) => <span translate="no">{chunks}</span>;

export default async function EditMappingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { id } = await params;
  await requirePageActor({ permission: ['mappings', 'read'], returnTo: `/admin/mappings/${encodeURIComponent(id)}` });
  const query = await searchParams;
  const db = getDb();
  const mapping = await getMapping({ db, id }).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') notFound();
    throw e;
  });
  const cfg = getConfig();
  const t = await getTranslations('mappings');
  const accounts = await listAccounts({ db });
  // Point 5: recent issuances of this mapping that failed at AWS (trust policy, say), with the fix.
  const health = (await readMappingHealth(db, [mapping])).get(mapping.id) ?? null;
  const explain = await getTranslations('explain');
  const warning: ReactNode = health ? (
    <div role="alert" className="mt-4 rounded border border-amber-500 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100" data-testid="mapping-health-warning">
      <p className="font-semibold">{t('page.failingTitle')}</p>
      <p className="mt-1">
        {t.rich('page.failing', { count: health.failureCount, code: health.errorCode, data, time: () => <EventTime iso={health.lastFailureAt} /> })}
      </p>
      <p className="mt-1">{t('page.fix', { fix: explain(health.fix.key as never, (health.fix.values ?? {}) as never) })}</p>
      <p className="mt-1">{t('page.testAfterFix')}</p>
    </div>
  ) : null;
  return (
    <section aria-labelledby="mapping-title">
      <Link href="/admin/mappings" className="text-sm text-blue-800 underline dark:text-blue-300">
        {t('page.back')}
      </Link>
      <h1 id="mapping-title" className="mt-2 break-words text-2xl font-semibold" translate="no">
        <code className="whitespace-pre-wrap">{mapping.idpGroup}</code> → {mapping.roleLabel}
      </h1>
      <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">
        {t.rich('page.changed', { data, by: mapping.updatedBy, creator: mapping.createdBy, time: () => <EventTime iso={mapping.updatedAt} /> })}
      </p>
      {warning}
      {query.created === '1' && (
        <p role="status" className="mt-3 rounded bg-green-50 p-2 text-sm text-green-950 dark:bg-green-950 dark:text-green-100">
          {t('page.created')}
        </p>
      )}
      <ClientIntl namespaces={['mappings']}>
        <div className="mt-4 grid gap-3">
          <MappingStatusActions mappingId={mapping.id} enabled={mapping.enabled} />
          <TestMappingButton mappingId={mapping.id} />
        </div>
        <div className="mt-6">
          <MappingForm
            key={mapping.updatedAt}
            mode="edit"
            initial={formValuesOf(mapping)}
            accounts={accounts}
            mappingId={mapping.id}
            updatedAt={mapping.updatedAt}
            issuer={cfg.oidc.issuer}
            clientId={cfg.oidc.clientId}
            federation={{ deploymentMode: cfg.federationMode, issuer: cfg.broker.issuerUrl, audience: cfg.broker.audience, samlMetadataUrl: cfg.broker.saml?.metadataUrl ?? null }}
          />
        </div>
      </ClientIntl>
    </section>
  );
}
