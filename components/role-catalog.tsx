'use client';
// The person's roles by account, filterable by a search box. Recently used roles come first
// (the order is decided on the server). Each card offers the last choice again in one click,
// says when the person already holds live credentials, and warns when the role looks broken.
import Link from 'next/link';
import { useFormatter, useNow, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import type { CatalogEntry } from '@/lib/entitlements/list-catalog';
import { formatDuration } from './i18n/format-duration';
import { useLocalTimeZone } from './i18n/use-local-time-zone';

export type CatalogCard = CatalogEntry & { healthFix: string | null };

export function RoleCatalog({ roles }: { roles: CatalogCard[] }) {
  const t = useTranslations('catalog');
  const [query, setQuery] = useState('');
  const filtered = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return roles;
    return roles.filter((r) => [r.roleLabel, r.roleArn, r.accountId, r.accountLabel, r.description].some((f) => f.toLowerCase().includes(q)));
  }, [roles, query]);
  const recent = filtered.filter((r) => r.lastUsedAt);
  const byAccount = new Map<string, CatalogCard[]>();
  for (const r of filtered.filter((x) => !x.lastUsedAt)) {
    const key = `${r.accountLabel} · ${r.accountId}`;
    byAccount.set(key, [...(byAccount.get(key) ?? []), r]);
  }
  return (
    <div>
      <label className="block text-sm font-medium text-slate-800 dark:text-slate-200" htmlFor="role-search">
        {t('searchLabel')}
      </label>
      <input
        id="role-search"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('searchPlaceholder')}
        className="mt-1 w-full max-w-md rounded-md border border-slate-400 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
      />
      {filtered.length === 0 && (
        <p className="mt-6 text-sm text-slate-700 dark:text-slate-300" role="status">
          {t('noMatch', { query })}
        </p>
      )}
      {recent.length > 0 && <RoleGroup id="recent" title={t('recentlyUsed')} roles={recent} showAccount />}
      {[...byAccount.entries()].map(([title, list], i) => (
        <RoleGroup key={title} id={`account-${i}`} title={title} dataTitle roles={list} />
      ))}
    </div>
  );
}

function RoleGroup({ id, title, roles, showAccount = false, dataTitle = false }: { id: string; title: string; roles: CatalogCard[]; showAccount?: boolean; dataTitle?: boolean }) {
  return (
    <section className="mt-8" aria-labelledby={`group-${id}`}>
      <h2 id={`group-${id}`} className="text-sm font-semibold tracking-wide text-slate-700 uppercase dark:text-slate-300" translate={dataTitle ? 'no' : undefined}>
        {title}
      </h2>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2">
        {roles.map((r) => (
          <RoleCard key={r.mappingId} role={r} showAccount={showAccount} />
        ))}
      </ul>
    </section>
  );
}

function RoleCard({ role: r, showAccount }: { role: CatalogCard; showAccount: boolean }) {
  const t = useTranslations('catalog');
  const common = useTranslations('common');
  const format = useFormatter();
  const now = useNow({ updateInterval: 30_000 });
  const zone = useLocalTimeZone();
  const duration = (s: number) => formatDuration(common, s);
  const liveUntil = r.liveUntil ? new Date(r.liveUntil) : null;
  const live = liveUntil && liveUntil.getTime() > now.getTime() ? liveUntil : null;
  const time = (d: Date) => format.dateTime(d, { hour: '2-digit', minute: '2-digit', timeZone: zone ?? 'UTC' }) + (zone ? '' : ' UTC');
  const again = r.lastChoice;
  return (
    <li className="flex min-w-0 flex-col rounded-lg border [overflow-wrap:anywhere] border-slate-200 bg-white p-4 shadow-sm dark:border-slate-700 dark:bg-slate-900" data-testid="role-card">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="font-semibold text-slate-900 dark:text-white" translate="no">
            {r.roleLabel}
          </h3>
          {showAccount && (
            <p className="text-xs text-slate-600 dark:text-slate-400" translate="no">
              {r.accountLabel} · {r.accountId}
            </p>
          )}
          <p className="mt-1 font-mono text-xs break-all text-slate-600 dark:text-slate-400" translate="no">
            {r.roleArn}
          </p>
        </div>
        <Link
          href={`/roles/${r.mappingId}`}
          className="shrink-0 rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 dark:bg-white dark:text-slate-900 dark:hover:bg-slate-200"
          aria-label={t('getCredentialsFor', { role: r.roleLabel })}
        >
          {t('getCredentials')}
        </Link>
      </div>
      {r.description && (
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300" translate="no">
          {r.description}
        </p>
      )}
      {r.health && (
        <div role="note" className="mt-3 rounded border border-amber-300 bg-amber-50 p-2 text-xs text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100" data-testid="role-health">
          <p className="font-semibold">
            <span aria-hidden="true">⚠ </span>
            {t.rich('health', { count: r.health.failureCount, code: r.health.errorCode, c: (c) => <code translate="no">{c}</code> })}
          </p>
          {r.healthFix && <p className="mt-1">{t('healthFix', { fix: r.healthFix })}</p>}
        </div>
      )}
      {live && (
        <p className="mt-3 inline-flex w-fit items-center gap-1.5 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" data-testid="role-live" title={t('liveUntilTitle', { time: time(live), utc: format.dateTime(live, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }) })}>
          <span aria-hidden="true" className="h-2 w-2 rounded-full bg-emerald-600" />
          {t('liveUntil', { time: time(live) })}
        </p>
      )}
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
        {t('upTo', { duration: duration(r.maxDurationSeconds) })} · {t.rich('via', { groups: r.viaGroups.join(', '), g: (c) => <span translate="no">{c}</span> })}
        {r.lastUsedAt ? <> · {t('lastUsed', { when: format.relativeTime(new Date(r.lastUsedAt), now) })}</> : null}
      </p>
      {again && (
        <div className="mt-3 border-t border-slate-100 pt-3 dark:border-slate-800">
          <Link
            href={`/roles/${r.mappingId}?again=1`}
            className="inline-block rounded-md border border-slate-400 px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100 dark:border-slate-500 dark:text-slate-100 dark:hover:bg-slate-800"
            aria-label={t('againFor', { role: r.roleLabel, duration: duration(again.durationSeconds), region: again.region })}
            data-testid="again"
          >
            {t('again', { duration: duration(again.durationSeconds), region: again.region })}
          </Link>
        </div>
      )}
    </li>
  );
}
