// /audit — the security reviewer's search over every issuance and change, newest first.
import Link from 'next/link';
import { AuditEventsTable } from '@/components/audit/audit-events-table';
import { AuditFilterForm } from '@/components/audit/audit-filter-form';
import { filterValues } from '@/components/audit/filter-values';
import { VerifyIntegrity } from '@/components/audit/verify-integrity';
import { auditFiltersToSearchParams, parseAuditFilters, type AuditFilters } from '@/lib/audit/audit-filters';
import { searchAuditEvents } from '@/lib/audit/search-audit-events';
import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';
import { requirePageActor } from '@/lib/http/page-auth';

type Search = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePageActor({ permission: ['audit', 'read'], returnTo: '/audit' });
  const query = await searchParams;
  let filters: AuditFilters = {};
  let problem: string | null = null;
  try {
    filters = parseAuditFilters(query);
  } catch (e) {
    if (!isAppError(e)) throw e;
    problem = e.message;
  }
  const db = getDb();
  const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
  let page: Awaited<ReturnType<typeof searchAuditEvents>> = { events: [], nextCursor: null };
  if (!problem) {
    try {
      page = await searchAuditEvents({ db, scope: { kind: 'everyone' }, filters, cursor });
    } catch (e) {
      if (!isAppError(e)) throw e;
      problem = e.message;
    }
  }
  const unknown = await db.auditEvent.count({ where: { type: 'ISSUE_OUTCOME_UNKNOWN', occurredAt: { gt: new Date(Date.now() - 7 * 86_400_000) } } });
  const qs = auditFiltersToSearchParams(filters);
  const next = new URLSearchParams(qs);
  if (page.nextCursor) next.set('cursor', page.nextCursor);
  const exportHref = (format: string) => `/api/audit/export?${new URLSearchParams([['format', format], ...qs.entries()]).toString()}`;

  return (
    <section>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Audit</h1>
          <p className="mt-1 text-sm text-slate-600">Every credential request, refusal and change, newest first. Times are UTC, with your local time beside them.</p>
        </div>
        <VerifyIntegrity />
      </div>
      {unknown > 0 && (
        <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="outcome-unknown-banner">
          ⚠ {unknown} credential request{unknown === 1 ? '' : 's'} in the last 7 days ended with no recorded outcome (the server stopped mid-request): credentials may exist that Keyport could not record.{' '}
          <Link className="underline" href="/audit?type=ISSUE_OUTCOME_UNKNOWN">
            Review them
          </Link>
        </p>
      )}
      <div className="mt-4">
        <AuditFilterForm action="/audit" values={filterValues(filters)} />
      </div>
      {problem && (
        <p role="alert" className="mt-4 rounded border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {problem}
        </p>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-3 text-sm">
        <span className="text-slate-600">Export this search:</span>
        <a href={exportHref('csv')} className="text-blue-700 underline" data-testid="export-csv">
          CSV
        </a>
        <a href={exportHref('jsonl')} className="text-blue-700 underline" data-testid="export-jsonl">
          JSON Lines
        </a>
      </div>
      <AuditEventsTable events={page.events} detailHref={(id) => `/audit/events/${id}`} />
      <nav className="mt-4 flex gap-4 text-sm" aria-label="Pages">
        {cursor && (
          <Link href={`/audit?${qs.toString()}`} className="text-blue-700 underline">
            ← Newest
          </Link>
        )}
        {page.nextCursor && (
          <Link href={`/audit?${next.toString()}`} className="text-blue-700 underline">
            Older events →
          </Link>
        )}
      </nav>
    </section>
  );
}
