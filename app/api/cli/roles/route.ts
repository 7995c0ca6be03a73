// GET /api/cli/roles — `keyport roles` and `keyport configure`: the roles the person may assume,
// with whether issuing needs the browser (SAML passthrough). CLI only (bearer token).
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { listCliCatalog } from '@/lib/cli-api/cli-catalog';
import { withAuth } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = withAuth({ permission: ['catalog', 'read'], channels: ['cli'] }, async ({ actor }) => {
  const roles = await listCliCatalog({ db: getDb(), actor, deploymentMode: getConfig().federationMode });
  return Response.json({ roles, groups: actor.groups });
});
