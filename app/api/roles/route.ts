// GET /api/roles — the roles the signed-in person may assume, most recently used first. Served
// directly by Keyport's server entry (lib/http/direct-routes.ts).
import { getDb } from '@/lib/db/client';
import { listCatalog } from '@/lib/entitlements/list-catalog';
import { json, withAuth } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = withAuth({ permission: ['catalog', 'read'] }, async ({ actor }) => {
  const roles = await listCatalog({ db: getDb(), actor });
  return json({ roles, groups: actor.groups });
});
