// /history — a person's own credential history. The scope (their subject) is in the query's
// where: no filter can show anyone else's events.
import Link from 'next/link';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { filterValues } from '@/components/audit/filter-values';
import { HistoryEvents } from '@/components/history/history-events';
import { HistoryFilterForm } from '@/components/history/history-filter-form';
import { HistoryTime } from '@/components/history/history-time';
import { auditFiltersToSearchParams, parseAuditFilters, type AuditFilters } from '@/lib/audit/audit-filters';
import { searchAuditEvents } from '@/lib/audit/search-audit-events';
import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';
import { requirePageActor } from '@/lib/http/page-auth';
import { listPersonRevocations } from '@/lib/revocation/list-person-revocations';

type Search = Record<string, string | string[] | undefined>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('history'))('title') };
}

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor({ permission: ['own-history', 'read'], returnTo: '/history' });
  const query = await searchParams;
  const t = await getTranslations('history');
  const explain = await getTranslations('explain');
  let filters: AuditFilters = {};
  let problem: string | null = null;
  let page: Awaited<ReturnType<typeof searchAuditEvents>> = { events: [], nextCursor: null };
  const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
  try {
    const all = parseAuditFilters(query);
    // Only the filters the form offers here; the person is always the one signed in.
    filters = { ...(all.types ? { types: all.types } : {}), ...(all.outcome ? { outcome: all.outcome } : {}), ...(all.from ? { from: all.from } : {}), ...(all.to ? { to: all.to } : {}) };
    page = await searchAuditEvents({ db: getDb(), scope: { kind: 'own', actorSub: actor.sub }, filters, cursor });
  } catch (e) {
    if (!isAppError(e)) throw e;
    problem = e.extra.explain ? explain(e.extra.explain.key as never, (e.extra.explain.values ?? {}) as never) : e.message;
  }
  const revocations = await listPersonRevocations(getDb(), { sub: actor.sub, email: actor.email });
  const inForce = revocations.filter((r) => !r.liftedAt);
  const next = auditFiltersToSearchParams(filters);
  if (page.nextCursor) next.set('cursor', page.nextCursor);
  return (
    <section>
      <h1 className="text-2xl font-semibold">{t('heading')}</h1>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{t('intro')}</p>
      {revocations.length > 0 && (
        <div className="mt-4 grid gap-2" data-testid="own-revocations">
          {inForce.length > 0 && (
            <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
              {t('revokedNow')}
            </p>
          )}
          <ul className="grid gap-2">
            {revocations.map((r) => (
              <li key={r.id} className={`rounded border p-3 text-sm ${r.liftedAt ? 'border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-900' : 'border-red-200 bg-white dark:border-red-800 dark:bg-slate-900'}`} data-testid="own-revocation">
                <p>
                  <strong>{r.liftedAt ? t('revokedLifted') : t('revoked')}</strong> <HistoryTime iso={r.createdAt} />{' '}
                  {t.rich('revokedBy', { name: r.createdByName, reason: r.reason, n: (c) => <span translate="no">{c}</span>, r: (c) => <span translate="no">{c}</span> })}
                </p>
                {r.liftedAt && (
                  <p className="mt-1 text-slate-800 dark:text-slate-200">
                    {t.rich('liftedBy', { time: `${r.liftedAt.slice(0, 16).replace('T', ' ')} UTC`, name: r.liftedByName ?? '', reason: r.liftReason ?? '', n: (c) => <span translate="no">{c}</span>, r: (c) => <span translate="no">{c}</span> })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="mt-4">
        <HistoryFilterForm values={filterValues(filters)} />
      </div>
      {problem && (
        <p role="alert" className="mt-4 rounded border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {problem}
        </p>
      )}
      <HistoryEvents events={page.events} />
      {page.nextCursor && (
        <Link href={`/history?${next.toString()}`} className="mt-4 inline-block text-sm text-blue-800 underline dark:text-sky-300">
          {t('older')}
        </Link>
      )}
    </section>
  );
}
