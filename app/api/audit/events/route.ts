// GET /api/audit/events — audit search for reviewers: the filters of the /audit page as query
// parameters, newest first, keyset-paged by `cursor`.
import { parseAuditFilters } from '@/lib/audit/audit-filters';
import { searchAuditEvents } from '@/lib/audit/search-audit-events';
import { getDb } from '@/lib/db/client';
import { withAuth } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = withAuth({ permission: ['audit', 'read'] }, async ({ request }) => {
  const params = new URL(request.url).searchParams;
  const filters = parseAuditFilters(params);
  const page = await searchAuditEvents({ db: getDb(), scope: { kind: 'everyone' }, filters, cursor: params.get('cursor') ?? undefined });
  return Response.json(page);
});
