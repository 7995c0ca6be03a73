// POST /api/admin/mappings/preview — the roles a set of groups would get ({ groups, idpKind }).
// Changes nothing.
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { readJson } from '@/lib/http/read-json';
import { withAuth } from '@/lib/http/route';
import { rolesForGroups } from '@/lib/mappings/preview-access';

export const dynamic = 'force-dynamic';

const body = z.object({
  groups: z.array(z.string().min(1).max(256)).max(500),
  idpKind: z.enum(['OIDC', 'SAML']).default('OIDC'),
});

export const POST = withAuth({ permission: ['mappings', 'read'] }, async ({ request }) => {
  const input = await readJson(request, body);
  return Response.json({ roles: await rolesForGroups({ db: getDb(), groups: input.groups, idpKind: input.idpKind }) });
});
