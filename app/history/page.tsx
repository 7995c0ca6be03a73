// /history — a person's own credential history. The scope (their subject) is in the query's
// where: no filter can show anyone else's events.
import Link from 'next/link';
import { AuditEventsTable } from '@/components/audit/audit-events-table';
import { AuditFilterForm } from '@/components/audit/audit-filter-form';
import { filterValues } from '@/components/audit/filter-values';
import { auditFiltersToSearchParams, parseAuditFilters, type AuditFilters } from '@/lib/audit/audit-filters';
import { searchAuditEvents } from '@/lib/audit/search-audit-events';
import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';
import { requirePageActor } from '@/lib/http/page-auth';

type Search = Record<string, string | string[] | undefined>;

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor({ permission: ['own-history', 'read'], returnTo: '/history' });
  const query = await searchParams;
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
    problem = e.message;
  }
  const next = auditFiltersToSearchParams(filters);
  if (page.nextCursor) next.set('cursor', page.nextCursor);
  return (
    <section>
      <h1 className="text-2xl font-semibold">Your history</h1>
      <p className="mt-1 text-sm text-slate-600">Every credential request you made through Keyport, newest first. Times are UTC, with your local time beside them.</p>
      <div className="mt-4">
        <AuditFilterForm action="/history" values={filterValues(filters)} fields="own" />
      </div>
      {problem && (
        <p role="alert" className="mt-4 rounded border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {problem}
        </p>
      )}
      <AuditEventsTable events={page.events} />
      {page.nextCursor && (
        <Link href={`/history?${next.toString()}`} className="mt-4 inline-block text-sm text-blue-700 underline">
          Older events →
        </Link>
      )}
    </section>
  );
}
