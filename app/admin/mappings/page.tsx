// /admin/mappings — every mapping, searchable and filterable (account, group, IdP kind, status),
// with when each was last used and whether its recent issuances fail.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { EventTime } from '@/components/audit/event-time';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { requirePageActor } from '@/lib/http/page-auth';
import { toHoursMinutes } from '@/lib/mappings/duration-parts';
import { filterMappings, parseMappingListFilters } from '@/lib/mappings/filter-mappings';
import { listAccounts } from '@/lib/mappings/list-accounts';
import { listMappings } from '@/lib/mappings/list-mappings';
import { describeLookalike, findLookalikeGroups, lookalikeBadge } from '@/lib/mappings/lookalike-group';
import { readMappingHealth } from '@/lib/mappings/read-mapping-health';
import { readMappingUsage, USAGE_WINDOW_DAYS } from '@/lib/mappings/read-mapping-usage';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('mappings'))('title') };
}

const data = (chunks: ReactNode) => <span translate="no">{chunks}</span>;

const control = 'mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-500 dark:bg-slate-900';

export default async function MappingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageActor({ permission: ['mappings', 'read'], returnTo: '/admin/mappings' });
  const query = await searchParams;
  const db = getDb();
  const all = await listMappings({ db });
  const accounts = await listAccounts({ db });
  const { filters, problems } = parseMappingListFilters(query);
  const mappings = filterMappings(all, filters);
  const [usage, health] = await Promise.all([readMappingUsage(db, mappings), readMappingHealth(db, mappings)]);
  // Groups that mix scripts or look like another mapping's group (UTS #39), marked in words.
  const lookalikes = findLookalikeGroups(all.map((m) => m.idpGroup));
  const groups = [...new Set(all.map((m) => m.idpGroup))].sort();
  const filtered = Object.keys(filters).length > 0;
  const cfg = getConfig();
  const t = await getTranslations('mappings');
  const duration = (seconds: number) => {
    const { hours, minutes } = toHoursMinutes(seconds);
    return hours === '0' ? t('duration.minutes', { minutes }) : minutes === '0' ? t('duration.hours', { hours }) : t('duration.hoursMinutes', { hours, minutes });
  };
  const mode = t(`modes.${cfg.federationMode}`);
  const healthCell = (id: string): ReactNode => {
    const h = health.get(id);
    if (!h) return <span className="text-slate-700 dark:text-slate-300">{t('table.healthy')}</span>;
    return (
      <Link href={`/admin/mappings/${id}`} className="font-semibold text-red-800 underline dark:text-red-300" data-failing="true">
        ⚠ {t.rich('table.failing', { count: h.failureCount, code: h.errorCode, data })}
      </Link>
    );
  };
  return (
    <section aria-labelledby="mappings-title">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 id="mappings-title" className="text-2xl font-semibold">{t('title')}</h1>
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{t('intro')}</p>
          <p className="mt-1 break-words text-sm text-slate-700 dark:text-slate-300" data-testid="deployment-federation-mode">
            {t.rich('deploymentMode', {
              mode: () => (cfg.federationMode === 'broker' ? t.rich('deploymentBrokerDetail', { mode, data, issuer: cfg.broker.issuerUrl, audience: cfg.broker.audience }) : mode),
            })}
          </p>
        </div>
        <nav className="flex flex-wrap gap-3 text-sm" aria-label={t('tools')}>
          <Link href="/admin/mappings/new" className="rounded-md bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900">{t('new')}</Link>
          <Link href="/admin/mappings/preview" className="rounded-md border border-slate-400 px-3 py-1.5 hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800">{t('preview')}</Link>
          <Link href="/admin/mappings/import" className="rounded-md border border-slate-400 px-3 py-1.5 hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800">{t('import')}</Link>
          <a href="/api/admin/mappings/export" download className="rounded-md border border-slate-400 px-3 py-1.5 hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800">{t('export')}</a>
        </nav>
      </div>
      {query.deleted === '1' && <p role="status" className="mt-4 rounded bg-slate-100 p-2 text-sm dark:bg-slate-800">{t('deleted')}</p>}
      {lookalikes.size > 0 && (
        <p className="mt-4 rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100" data-testid="lookalike-summary">
          {t('lookalikeSummary', { count: lookalikes.size })}
        </p>
      )}
      <form method="get" action="/admin/mappings" role="search" aria-label={t('filters.label')} className="mt-6 grid gap-3 rounded-lg border border-slate-300 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6 dark:border-slate-700 dark:bg-slate-900">
        <div className="sm:col-span-2">
          <label htmlFor="mappings-q" className="block text-xs font-medium text-slate-700 dark:text-slate-300">{t('filters.search')}</label>
          <input id="mappings-q" name="q" type="search" defaultValue={filters.q ?? ''} className={control} aria-describedby="mappings-q-hint" />
          <p id="mappings-q-hint" className="mt-1 text-xs text-slate-700 dark:text-slate-300">{t('filters.searchHint')}</p>
        </div>
        <div>
          <label htmlFor="mappings-account" className="block text-xs font-medium text-slate-700 dark:text-slate-300">{t('filters.account')}</label>
          <select id="mappings-account" name="account" defaultValue={filters.account ?? ''} className={control}>
            <option value="">{t('filters.any')}</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id} translate="no">
                {a.label} ({a.id})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="mappings-group" className="block text-xs font-medium text-slate-700 dark:text-slate-300">{t('filters.group')}</label>
          <select id="mappings-group" name="group" defaultValue={filters.group ?? ''} className={control}>
            <option value="">{t('filters.any')}</option>
            {groups.map((g) => (
              <option key={g} value={g} translate="no">
                {g}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="mappings-kind" className="block text-xs font-medium text-slate-700 dark:text-slate-300">{t('filters.kind')}</label>
          <select id="mappings-kind" name="kind" defaultValue={filters.idpKind ?? ''} className={control} aria-invalid={problems.kind ? true : undefined}>
            <option value="">{t('filters.any')}</option>
            <option value="oidc">OIDC</option>
            <option value="saml">SAML</option>
            <option value="both">{t('filters.both')}</option>
          </select>
        </div>
        <div>
          <label htmlFor="mappings-status" className="block text-xs font-medium text-slate-700 dark:text-slate-300">{t('filters.status')}</label>
          <select id="mappings-status" name="status" defaultValue={filters.enabled === undefined ? '' : filters.enabled ? 'enabled' : 'disabled'} className={control} aria-invalid={problems.status ? true : undefined}>
            <option value="">{t('filters.any')}</option>
            <option value="enabled">{t('filters.enabled')}</option>
            <option value="disabled">{t('filters.disabled')}</option>
          </select>
        </div>
        <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-6">
          <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900">{t('filters.apply')}</button>
          {filtered && (
            <Link href="/admin/mappings" className="rounded-md border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800">
              {t('filters.clear')}
            </Link>
          )}
        </div>
      </form>
      {Object.keys(problems).length > 0 && (
        <p role="alert" className="mt-3 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-100">
          {[problems.kind ? t('filters.badKind') : null, problems.status ? t('filters.badStatus') : null].filter(Boolean).join(' ')}
        </p>
      )}
      <p role="status" className="mt-4 text-sm font-medium" data-testid="mappings-count">
        {filtered ? t('countOf', { count: mappings.length, total: all.length }) : t('count', { count: all.length })}
      </p>
      {all.length === 0 ? (
        <p className="mt-4 text-sm text-slate-700 dark:text-slate-300">{t('none')}</p>
      ) : mappings.length === 0 ? (
        <p className="mt-4 text-sm text-slate-700 dark:text-slate-300">{t('noMatch')}</p>
      ) : (
        <div tabIndex={0} role="region" aria-labelledby="mappings-count" className="relative mt-3 overflow-x-auto rounded-lg border border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900">
          <table className="w-full min-w-[52rem] text-left text-sm">
            <caption className="sr-only">{t('table.caption')}</caption>
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-700 dark:bg-slate-800 dark:text-slate-300">
              <tr>
                <th scope="col" className="px-3 py-2">{t('table.group')}</th>
                <th scope="col" className="px-3 py-2">{t('table.kind')}</th>
                <th scope="col" className="px-3 py-2">{t('table.role')}</th>
                <th scope="col" className="px-3 py-2">{t('table.account')}</th>
                <th scope="col" className="px-3 py-2">{t('table.max')}</th>
                <th scope="col" className="px-3 py-2">{t('table.regions')}</th>
                <th scope="col" className="px-3 py-2">{t('table.lastUsed')}</th>
                <th scope="col" className="px-3 py-2">{t('table.health')}</th>
                <th scope="col" className="px-3 py-2">{t('table.status')}</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">{t('table.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {mappings.map((m) => {
                const lookalike = lookalikes.get(m.idpGroup.normalize('NFC'));
                const lastUsed = usage.get(m.id);
                return (
                  <tr key={m.id} className="border-t border-slate-200 align-top dark:border-slate-700" data-testid="mapping-row" data-mapping-id={m.id}>
                    <td className="px-3 py-2" translate="no">
                      <code translate="no" className="rounded bg-slate-100 px-1 whitespace-pre dark:bg-slate-800">{m.idpGroup}</code>
                      {lookalike && (
                        <span className="mt-1 block w-fit rounded border border-amber-500 bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-950 dark:bg-amber-950 dark:text-amber-100" title={describeLookalike(lookalike)} data-testid="lookalike-badge">
                          ⚠ {lookalikeBadge(lookalike)}
                        </span>
                      )}
                    </td>
                    <td className="px-3 py-2 text-xs uppercase">{m.idpKind === 'both' ? t('filters.both') : m.idpKind}</td>
                    <td className="px-3 py-2" translate="no">
                      <span translate="no">{m.roleLabel}</span>
                      <br />
                      <span className="break-all font-mono text-xs text-slate-700 dark:text-slate-300">{m.roleArn}</span>
                    </td>
                    <td className="px-3 py-2" translate="no">
                      {m.accountLabel}
                      <br />
                      <span className="text-xs text-slate-700 dark:text-slate-300">{m.accountId}</span>
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">{duration(m.maxDurationSeconds)}</td>
                    <td className="px-3 py-2 text-xs" translate="no">{m.allowedRegions.join(', ')}</td>
                    <td className="px-3 py-2 text-xs" data-testid="mapping-last-used">
                      {lastUsed ? <EventTime iso={lastUsed.toISOString()} stacked /> : <span className="text-slate-700 dark:text-slate-300">{t('table.notUsed', { days: USAGE_WINDOW_DAYS })}</span>}
                    </td>
                    <td className="px-3 py-2 text-xs" data-testid="mapping-health">
                      {healthCell(m.id)}
                    </td>
                    <td className="px-3 py-2">{m.enabled ? <span className="text-green-900 dark:text-green-300">{t('filters.enabled')}</span> : <span className="text-slate-700 dark:text-slate-300">{t('filters.disabled')}</span>}</td>
                    <td className="px-3 py-2">
                      <Link href={`/admin/mappings/${m.id}`} className="text-blue-800 underline dark:text-blue-300" aria-label={t('table.editLabel', { group: m.idpGroup, role: m.roleLabel })}>
                        {t('table.edit')}
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
