// /audit — the security reviewer's search over every issuance and change, newest first.
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ClientIntl } from '@/components/i18n/client-intl';
import { AuditResultsTable } from '@/components/audit/audit-results-table';
import { AuditSearchForm, type SearchValues } from '@/components/audit/audit-search-form';
import { VerifyIntegrity } from '@/components/audit/verify-integrity';
import { auditFiltersToSearchParams, FILTER_PARAMS, parseAuditFilters, type AuditFilters } from '@/lib/audit/audit-filters';
import { classifySearchTerm } from '@/lib/audit/classify-search-term';
import { countAuditEvents, type AuditCount } from '@/lib/audit/count-audit-events';
import { groupIssuanceRows } from '@/lib/audit/group-issuance-rows';
import { searchAuditEvents } from '@/lib/audit/search-audit-events';
import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';
import { requirePageActor } from '@/lib/http/page-auth';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('audit'))('title') };
}

type Search = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** What the form shows: the parsed filters when they are valid, else exactly what was typed. */
function valuesOf(query: Search, filters: AuditFilters | null): SearchValues {
  if (filters) {
    return {
      key: filters.accessKeyId,
      person: filters.person,
      group: filters.group,
      role: filters.roleArn,
      account: filters.accountId,
      type: filters.types?.[0],
      outcome: filters.outcome,
      ip: filters.sourceIp,
      from: filters.since ? undefined : filters.from?.toISOString().slice(0, 16),
      to: filters.to?.toISOString().slice(0, 16),
      since: filters.since,
      failures: filters.failuresOnly ? '1' : undefined,
    };
  }
  const v: SearchValues = {};
  for (const name of Object.values(FILTER_PARAMS)) {
    const raw = first(query[name]);
    if (raw) v[name as keyof SearchValues] = raw;
  }
  return v;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePageActor({ permission: ['audit', 'read'], returnTo: '/audit' });
  const query = await searchParams;
  // The search box: recognised as the filter it names, and shown as that filter in the URL.
  const q = first(query.q);
  if (q !== undefined) {
    const term = classifySearchTerm(q);
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (k !== 'q' && k !== 'cursor' && typeof v === 'string' && v) next.set(k, v);
    if (term) next.set(term.param, term.value);
    redirect(next.size > 0 ? `/audit?${next.toString()}` : '/audit');
  }
  let filters: AuditFilters | null = null;
  let problem: string | null = null;
  const t = await getTranslations('audit');
  let fieldErrors: Record<string, string> = {};
  try {
    filters = parseAuditFilters(query);
  } catch (e) {
    if (!isAppError(e)) throw e;
    // Each field's problem in the reader's language (audit.fieldErrors), beside the field.
    const keys = (e.extra.detail?.fieldKeys ?? {}) as Record<string, string>;
    fieldErrors = Object.fromEntries(Object.entries(e.extra.fields ?? {}).map(([param, english]) => [param, keys[param] ? t(`fieldErrors.${keys[param]}` as 'fieldErrors.key') : english]));
    problem = t('problem');
  }
  const db = getDb();
  const cursor = typeof query.cursor === 'string' ? query.cursor : undefined;
  let page: Awaited<ReturnType<typeof searchAuditEvents>> = { events: [], nextCursor: null };
  let count: AuditCount | null = null;
  if (filters) {
    try {
      [page, count] = await Promise.all([
        searchAuditEvents({ db, scope: { kind: 'everyone' }, filters, cursor }),
        countAuditEvents({ db, scope: { kind: 'everyone' }, filters }),
      ]);
    } catch (e) {
      if (!isAppError(e)) throw e;
      problem = e.message;
    }
  }
  const unknown = await db.auditEvent.count({ where: { type: 'ISSUE_OUTCOME_UNKNOWN', occurredAt: { gt: new Date(Date.now() - 7 * 86_400_000) } } });
  const qs = filters ? auditFiltersToSearchParams(filters) : new URLSearchParams();
  const next = new URLSearchParams(qs);
  if (page.nextCursor) next.set('cursor', page.nextCursor);
  const exportHref = (format: string) => `/api/audit/export?${new URLSearchParams([['format', format], ...qs.entries()]).toString()}`;
  const rows = groupIssuanceRows(page.events);

  return (
    <section aria-labelledby="audit-title">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 id="audit-title" className="text-2xl font-semibold">{t('title')}</h1>
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{t('intro')}</p>
        </div>
        <ClientIntl namespaces={['audit']}>
          <VerifyIntegrity />
        </ClientIntl>
      </div>
      {unknown > 0 && (
        <p className="mt-4 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100" data-testid="outcome-unknown-banner">
          {t('unknownBanner', { count: unknown })}{' '}
          <Link className="underline" href="/audit?type=ISSUE_OUTCOME_UNKNOWN">
            {t('reviewThem')}
          </Link>
        </p>
      )}
      <div className="mt-4">
        <AuditSearchForm action="/audit" values={valuesOf(query, filters)} errors={fieldErrors} />
      </div>
      {problem && (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-100" data-testid="audit-problem">
          {problem}
        </p>
      )}
      <div className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
        {count && (
          <p role="status" data-testid="audit-count" className="font-medium">
            {count.more ? t('countMore', { count: count.count }) : t('count', { count: count.count })}
            {rows.length < page.events.length ? ` ${t('countRows', { rows: rows.length })}` : ''}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <span className="text-slate-700 dark:text-slate-300">{t('exportThis')}</span>
          <a href={exportHref('csv')} translate="no" className="text-blue-800 underline dark:text-blue-300" data-testid="export-csv">
            {t('csv')}
          </a>
          <a href={exportHref('jsonl')} translate="no" className="text-blue-800 underline dark:text-blue-300" data-testid="export-jsonl">
            {t('jsonl')}
          </a>
        </div>
      </div>
      <AuditResultsTable rows={rows} />
      <nav className="mt-4 flex gap-4 text-sm" aria-label={t('pages')}>
        {cursor && (
          <Link href={`/audit?${qs.toString()}`} className="text-blue-800 underline dark:text-blue-300">
            {t('newest')}
          </Link>
        )}
        {page.nextCursor && (
          <Link href={`/audit?${next.toString()}`} className="text-blue-800 underline dark:text-blue-300">
            {t('older')}
          </Link>
        )}
      </nav>
    </section>
  );
}
