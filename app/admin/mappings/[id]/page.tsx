import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { MappingForm } from '@/components/admin/mapping-form';
import { formValuesOf } from '@/components/admin/mapping-form-values';
import { MappingStatusActions } from '@/components/admin/mapping-status-actions';
import { TestMappingButton } from '@/components/admin/test-mapping-button';
import { EventTime } from '@/components/audit/event-time';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';
import { requirePageActor } from '@/lib/http/page-auth';
import { getMapping } from '@/lib/mappings/get-mapping';
import { listAccounts } from '@/lib/mappings/list-accounts';

export const metadata: Metadata = { title: 'Mapping — Keyport' };

export default async function EditMappingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { id } = await params;
  await requirePageActor({ permission: ['mappings', 'read'], returnTo: `/admin/mappings/${encodeURIComponent(id)}` });
  const query = await searchParams;
  const mapping = await getMapping({ db: getDb(), id }).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') notFound();
    throw e;
  });
  const cfg = getConfig();
  const accounts = await listAccounts({ db: getDb() });
  return (
    <section>
      <Link href="/admin/mappings" className="text-sm text-blue-800 dark:text-blue-300 underline">← All mappings</Link>
      <h1 className="mt-2 text-2xl font-semibold">
        <code className="whitespace-pre">{mapping.idpGroup}</code> → {mapping.roleLabel}
      </h1>
      <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">
        Last changed by {mapping.updatedBy}, <EventTime iso={mapping.updatedAt} /> · created by {mapping.createdBy}
      </p>
      {query.created === '1' && (
        <p role="status" className="mt-3 rounded bg-green-50 p-2 text-sm text-green-900">
          Mapping created. Make sure the role trusts Keyport (trust policy below).
        </p>
      )}
      <div className="mt-4 grid gap-3">
        <MappingStatusActions mappingId={mapping.id} enabled={mapping.enabled} />
        <TestMappingButton mappingId={mapping.id} />
      </div>
      <div className="mt-6">
        <MappingForm key={mapping.updatedAt} mode="edit" initial={formValuesOf(mapping)} accounts={accounts} mappingId={mapping.id} updatedAt={mapping.updatedAt} issuer={cfg.oidc.issuer}
          clientId={cfg.oidc.clientId}
          federation={{ deploymentMode: cfg.federationMode, issuer: cfg.broker.issuerUrl, audience: cfg.broker.audience, samlMetadataUrl: cfg.broker.saml?.metadataUrl ?? null }}
        />
      </div>
    </section>
  );
}
