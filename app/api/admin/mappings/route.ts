// GET /api/admin/mappings — every mapping; POST /api/admin/mappings — create one (body: the
// mapping fields, and `confirmLookalikeGroup: true` to save a lookalike group after its warning).
// Validation errors come back per field (a lookalike group is a 422); a duplicate (group, role) is a 409.
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { readJson } from '@/lib/http/read-json';
import { withAuth } from '@/lib/http/route';
import { createMapping } from '@/lib/mappings/create-mapping';
import { listMappings } from '@/lib/mappings/list-mappings';

export const dynamic = 'force-dynamic';

export const GET = withAuth({ permission: ['mappings', 'read'] }, async () => {
  return Response.json({ mappings: await listMappings({ db: getDb() }) });
});

export const POST = withAuth({ permission: ['mappings', 'create'] }, async ({ actor, request, requestId }) => {
  const { confirmLookalikeGroup, ...input } = await readJson(request, z.looseObject({ confirmLookalikeGroup: z.boolean().optional() }));
  const mapping = await createMapping({ db: getDb(), actor, input, confirmLookalikeGroup, requestId });
  return Response.json({ mapping }, { status: 201 });
});
