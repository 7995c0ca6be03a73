// /admin/mappings/preview — "who gets what", both ways: the roles a person (or a set of groups)
// gets, and for a role, the groups that grant it and the people last seen with one of them.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { GroupsPreview } from '@/components/admin/groups-preview';
import { EventTime } from '@/components/audit/event-time';
import { ClientIntl } from '@/components/i18n/client-intl';
import { getDb } from '@/lib/db/client';
import { requirePageActor } from '@/lib/http/page-auth';
import { listPeopleSeen, SEEN_WINDOW_DAYS } from '@/lib/mappings/list-people-seen';
import { whoCanAssume } from '@/lib/mappings/who-can-assume';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('mappings'))('who.title') };
}

const data = (chunks: ReactNode) => <span translate="no">{chunks}</span>;

export default async function PreviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageActor({ permission: ['mappings', 'read'], returnTo: '/admin/mappings/preview' });
  const query = await searchParams;
  const t = await getTranslations('mappings.who');
  const db = getDb();
  const seen = await listPeopleSeen({ db });
  const people = seen.map((p) => ({
    sub: p.sub,
    label: `${p.name ?? p.email ?? p.sub}${p.email && p.name ? ` (${p.email})` : ''} — ${p.groups.join(', ') || t('noGroups')}`,
    groups: p.groups,
    idpKind: p.idpKind,
  }));
  const mappings = await db.roleMapping.findMany({ select: { id: true, idpGroup: true, idpKind: true, roleArn: true, enabled: true, maxDurationSeconds: true, roleLabel: true, accountLabel: true } });
  const roles = [...new Map(mappings.map((m) => [m.roleArn, m])).values()].sort((a, b) => a.accountLabel.localeCompare(b.accountLabel) || a.roleLabel.localeCompare(b.roleLabel));
  const role = typeof query.role === 'string' && roles.some((r) => r.roleArn === query.role) ? query.role : null;
  const unknownRole = typeof query.role === 'string' && query.role !== '' && role === null;
  const who = role ? whoCanAssume({ roleArn: role, mappings, people: seen }) : null;
  return (
    <section aria-labelledby="preview-title">
      <Link href="/admin/mappings" className="text-sm text-blue-800 underline dark:text-blue-300">{(await getTranslations('mappings'))('page.back')}</Link>
      <h1 id="preview-title" className="mt-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-700 dark:text-slate-300">{t('intro', { days: SEEN_WINDOW_DAYS })}</p>
      <div className="grid gap-8 lg:grid-cols-2">
        <div className="min-w-0">
          <h2 className="mb-3 text-lg font-semibold">{t('personRoles')}</h2>
          <ClientIntl namespaces={['mappings']}>
            <GroupsPreview people={people} />
          </ClientIntl>
        </div>
        <div className="min-w-0">
          <h2 className="mb-3 text-lg font-semibold">{t('roleWho')}</h2>
          <form method="get" action="/admin/mappings/preview" className="grid gap-3 rounded-lg border border-slate-300 bg-white p-4 sm:p-6 dark:border-slate-700 dark:bg-slate-900" aria-label={t('roleForm')}>
            <div>
              <label htmlFor="preview-role" className="block text-sm font-medium text-slate-800 dark:text-slate-200">{t('role')}</label>
              <select id="preview-role" name="role" defaultValue={role ?? ''} className="mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm dark:border-slate-500 dark:bg-slate-900" aria-invalid={unknownRole ? true : undefined} aria-describedby={unknownRole ? 'preview-role-error' : undefined}>
                <option value="">{t('chooseRole')}</option>
                {roles.map((r) => (
                  <option key={r.roleArn} value={r.roleArn} translate="no">
                    {r.accountLabel} · {r.roleLabel} — {r.roleArn}
                  </option>
                ))}
              </select>
              {unknownRole && (
                <p id="preview-role-error" className="mt-1 text-xs text-red-800 dark:text-red-300">
                  {t('unknownRole')}
                </p>
              )}
            </div>
            <div>
              <button type="submit" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900">{t('showWho')}</button>
            </div>
          </form>
          {who && (
            <div className="mt-4 grid gap-4" data-testid="role-who" aria-live="polite">
              <div>
                <h3 className="text-sm font-semibold">{t('groups')}</h3>
                <ul className="mt-1 grid gap-1 text-sm">
                  {who.groups.map((g) => (
                    <li key={g.mappingId} data-testid="role-group">
                      <Link href={`/admin/mappings/${g.mappingId}`} className="text-blue-800 underline dark:text-blue-300" translate="no">
                        <code>{g.group}</code>
                      </Link>{' '}
                      <span className="text-xs text-slate-700 dark:text-slate-300">
                        {g.idpKind === 'BOTH' ? t('bothKinds') : g.idpKind}
                        {g.enabled ? '' : t('disabled')}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
              <div>
                <h3 className="text-sm font-semibold">{t('people', { count: who.people.length })}</h3>
                {who.people.length === 0 ? (
                  <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{t('nobody', { days: SEEN_WINDOW_DAYS })}</p>
                ) : (
                  <ul className="mt-1 grid gap-1 text-sm">
                    {who.people.map((p) => (
                      <li key={p.sub} data-testid="role-person">
                        <span translate="no">{p.name ?? p.email ?? p.sub}</span>
                        {p.email && p.name ? <span translate="no" className="text-slate-700 dark:text-slate-300"> ({p.email})</span> : null}{' '}
                        <span className="text-xs text-slate-700 dark:text-slate-300">{t.rich('via', { data, groups: p.viaGroups.join(', '), time: () => <EventTime iso={p.lastSeenAt} /> })}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
