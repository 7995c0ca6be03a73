// POST /api/admin/mappings/:id/test — "Test this mapping": asks AWS whether the role trusts what
// Keyport would send, with a session that can do nothing, dropped at once (lib/mappings/dry-run-policy.ts).
import { issueDeps } from '@/lib/issuance/deps';
import { withAuth } from '@/lib/http/route';
import { testMapping } from '@/lib/mappings/test-mapping';

export const dynamic = 'force-dynamic';

type Params = { id: string };

export const POST = withAuth<Params>({ permission: ['mappings', 'update'] }, async ({ actor, params, requestId, sourceIp, userAgent, log }) => {
  const result = await testMapping({ actor, mappingId: params.id, requestId, sourceIp, userAgent, deps: issueDeps(actor, log) });
  return Response.json({ result }, { headers: { 'Cache-Control': 'no-store' } });
});
