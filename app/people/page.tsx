// /people — everyone the audit has seen, searchable, with their live credentials per role, and
// revocation from where you find them (a reason, then a confirm step).
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { EventTime } from '@/components/audit/event-time';
import { RevokeSessionsForm } from '@/components/audit/revoke-sessions-form';
import { ClientIntl } from '@/components/i18n/client-intl';
import { can } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { requirePageActor } from '@/lib/http/page-auth';
import { listPeople } from '@/lib/people/list-people';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('people'))('title') };
}

const data = (chunks: ReactNode) => <span translate="no">{chunks}</span>;

type Search = Record<string, string | string[] | undefined>;

const roleName = (arn: string) => arn.split('/').pop() ?? arn;

export default async function PeoplePage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor({ permission: ['audit', 'read'], returnTo: '/people' });
  const query = await searchParams;
  const raw = Array.isArray(query.q) ? query.q[0] : query.q;
  const term = (raw ?? '').trim().slice(0, 256);
  const { people, more } = await listPeople({ db: getDb(), term });
  const mayRevoke = can(actor.roles, ['revocations', 'create']);
  const t = await getTranslations('people');
  return (
    <section aria-labelledby="people-title">
      <h1 id="people-title" className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        {t('intro')}
      </p>
      <form method="get" action="/people" role="search" aria-label={t('searchLabel')} className="mt-4 flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 basis-64">
          <label htmlFor="people-q" className="block text-xs font-medium text-slate-700 dark:text-slate-300">
            {t('search')}
          </label>
          <input id="people-q" name="q" type="search" defaultValue={term} className="mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm dark:border-slate-500 dark:bg-slate-900" />
        </div>
        <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300">
          {t('button')}
        </button>
      </form>
      <p role="status" className="mt-4 text-sm font-medium" data-testid="people-count">
        {people.length === 0 ? (term ? t('noMatch', { term }) : t('nobody')) : more ? t('countMore', { count: people.length }) : term ? t('countMatching', { count: people.length, term }) : t('count', { count: people.length })}
      </p>
      <ClientIntl namespaces={['revocations']}>
      <ul className="mt-3 grid gap-3">
        {people.map((p) => {
          const live = p.live.reduce((n, l) => n + l.sessions, 0);
          const label = p.name ?? p.email ?? p.sub;
          return (
            <li key={p.sub} data-testid="person-row" data-sub={p.sub} className="rounded-lg border border-slate-300 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0" translate="no">
                  <h2 className="break-all font-semibold">{label}</h2>
                  {p.email && p.name && <p className="break-all text-sm text-slate-700 dark:text-slate-300">{p.email}</p>}
                  <p className="break-all font-mono text-xs text-slate-700 dark:text-slate-300">{p.sub}</p>

                </div>
                <div className="flex flex-wrap items-center gap-2">
                  {p.revocation && (
                    <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-950 dark:bg-red-900 dark:text-red-50" data-testid="person-revoked">
                      {t.rich('revokedBy', { data, name: p.revocation.createdByName })}
                    </span>
                  )}
                  <Link href={`/audit?${new URLSearchParams([['person', p.sub]]).toString()}`} className="text-sm text-blue-800 underline dark:text-blue-300" aria-label={t('auditEventsOf', { name: label })}>
                    {t('auditEvents')}
                  </Link>
                </div>
              </div>
              <div className="mt-3" data-testid="person-live">
                {live === 0 ? (
                  <p className="text-sm text-slate-700 dark:text-slate-300">{t('noLive')}</p>
                ) : (
                  <>
                    <p className="text-sm font-medium">{t('live', { count: live })}</p>
                    <ul className="mt-1 grid gap-1 text-sm">
                      {p.live.map((l) => (
                        <li key={l.roleArn} className="flex flex-wrap items-center gap-x-2">
                          <Link href={`/audit?${new URLSearchParams([['person', p.sub], ['role', l.roleArn]]).toString()}`} translate="no" className="inline-block py-1 font-mono text-xs break-all text-blue-800 underline dark:text-blue-300">
                            {roleName(l.roleArn)}
                          </Link>
                          <span className="text-xs text-slate-700 dark:text-slate-300">{t.rich('liveRole', { count: l.sessions, time: () => <EventTime iso={l.expiresAt} /> })}</span>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
              {mayRevoke && !p.revocation && p.sub !== actor.sub && (
                <details className="mt-3">
                  <summary className="cursor-pointer text-sm font-medium text-red-900 dark:text-red-200">{t.rich('revoke', { data, name: label })}</summary>
                  <div className="mt-2">
                    <RevokeSessionsForm target={{ kind: 'person', personSub: p.sub, label: p.email ? `${label} <${p.email}>` : label }} live={p.live} />
                  </div>
                </details>
              )}
            </li>
          );
        })}
      </ul>
      </ClientIntl>
    </section>
  );
}
