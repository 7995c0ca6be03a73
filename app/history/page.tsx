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
import { listPersonRevocations } from '@/lib/revocation/list-person-revocations';
import { EventTime } from '@/components/audit/event-time';

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
  const revocations = await listPersonRevocations(getDb(), { sub: actor.sub, email: actor.email });
  const inForce = revocations.filter((r) => !r.liftedAt);
  const next = auditFiltersToSearchParams(filters);
  if (page.nextCursor) next.set('cursor', page.nextCursor);
  return (
    <section>
      <h1 className="text-2xl font-semibold">Your history</h1>
      <p className="mt-1 text-sm text-slate-600">Every credential request you made through Keyport, newest first. Times are UTC, with your local time beside them.</p>
      {revocations.length > 0 && (
        <div className="mt-4 grid gap-2" data-testid="own-revocations">
          {inForce.length > 0 && (
            <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
              Your access to AWS through Keyport is revoked. Keyport issues you no credentials until a security reviewer lifts the revocation.
            </p>
          )}
          <ul className="grid gap-2">
            {revocations.map((r) => (
              <li key={r.id} className={`rounded border p-3 text-sm ${r.liftedAt ? 'border-slate-200 bg-slate-50' : 'border-red-200 bg-white'}`} data-testid="own-revocation">
                <p>
                  <strong>{r.liftedAt ? 'Revoked (lifted)' : 'Revoked'}</strong> <EventTime iso={r.createdAt} /> by {r.createdByName}. Reason: {r.reason}
                </p>
                {r.liftedAt && (
                  <p className="mt-1 text-slate-700">
                    Lifted <EventTime iso={r.liftedAt} /> by {r.liftedByName ?? ''}: {r.liftReason ?? ''}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
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
