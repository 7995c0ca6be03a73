// /revocations — revocations in force and lifted, a way to lift each, and role revocation.
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { EventTime } from '@/components/audit/event-time';
import { LiftRevocationForm } from '@/components/audit/lift-revocation-form';
import { RevokeSessionsForm } from '@/components/audit/revoke-sessions-form';
import { ClientIntl } from '@/components/i18n/client-intl';
import { can } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { requirePageActor } from '@/lib/http/page-auth';
import { listRevocations } from '@/lib/revocation/list-revocations';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('revocations'))('title') };
}

export default async function RevocationsPage() {
  const actor = await requirePageActor({ permission: ['revocations', 'read'], returnTo: '/revocations' });
  const t = await getTranslations('revocations');
  const db = getDb();
  const revocations = await listRevocations({ db });
  const roles = await db.roleMapping.findMany({ distinct: ['roleArn'], select: { roleArn: true }, orderBy: { roleArn: 'asc' } });
  const mayLift = can(actor.roles, ['revocations', 'lift']);
  // Data (names, ARNs, reasons as typed) reads the same in every language: translate="no".
  const data = (chunks: ReactNode) => <span translate="no">{chunks}</span>;
  return (
    <section aria-labelledby="revocations-title">
      <h1 id="revocations-title" className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{t('intro')}</p>
      <ClientIntl namespaces={['revocations']}>
        {can(actor.roles, ['revocations', 'create']) && roles.length > 0 && (
          <div className="mt-6 max-w-2xl">
            <RevokeSessionsForm target={null} roleChoices={roles.map((r) => r.roleArn)} />
          </div>
        )}
        <ul className="mt-6 grid gap-3">
          {revocations.length === 0 && <li className="text-sm text-slate-700 dark:text-slate-300">{t('none')}</li>}
          {revocations.map((r) => (
            <li key={r.id} className={`min-w-0 rounded-lg border p-4 ${r.liftedAt ? 'border-slate-300 bg-slate-50 dark:border-slate-700 dark:bg-slate-800' : 'border-red-300 bg-white dark:border-red-800 dark:bg-slate-900'}`} data-testid="revocation-row" data-revocation-id={r.id}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="min-w-0 break-all font-semibold">
                  {r.kind === 'PERSON' ? t.rich('person', { data, name: r.personLabel ?? r.personSub ?? '' }) : t.rich('role', { data, role: r.roleArns[0] ?? '' })}
                </h2>
                <span className={`rounded px-2 py-0.5 text-xs font-semibold ${r.liftedAt ? 'bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100' : 'bg-red-100 text-red-950 dark:bg-red-900 dark:text-red-50'}`} data-testid="revocation-status">
                  {r.liftedAt ? t('lifted') : t('inForce')}
                </span>
              </div>
              <p className="mt-1 text-sm">{t.rich('before', { time: () => <EventTime iso={r.revokedBefore} />, data, name: r.createdByName })}</p>
              <p className="mt-1 text-sm text-slate-800 dark:text-slate-200">{t.rich('reason', { data, reason: r.reason })}</p>
              {r.kind === 'PERSON' && <p className="mt-1 break-all font-mono text-xs text-slate-700 dark:text-slate-300">{t.rich('sessionNames', { data, names: r.sessionNames.join(', ') })}</p>}
              <p className="mt-1 break-all font-mono text-xs text-slate-700 dark:text-slate-300">{t.rich('policyOn', { data, policy: r.policyName, roles: r.roleArns.join(', ') })}</p>
              {r.failures.length > 0 && <p className="mt-1 text-sm text-red-800 dark:text-red-300">{t.rich('notApplied', { data, list: r.failures.map((f) => `${f.roleArn} (${f.code})`).join(', ') })}</p>}
              {r.liftedAt ? (
                <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
                  {t.rich('liftedBy', { time: () => <EventTime iso={r.liftedAt ?? ''} />, data, name: r.liftedByName ?? '', reason: r.liftReason ?? '' })}
                </p>
              ) : (
                mayLift && <LiftRevocationForm revocationId={r.id} />
              )}
            </li>
          ))}
        </ul>
      </ClientIntl>
    </section>
  );
}
