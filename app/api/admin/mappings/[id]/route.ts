// GET /api/admin/mappings/:id — one mapping; PUT — replace its fields ({ mapping, expectedUpdatedAt,
// confirmLookalikeGroup? });
// PATCH — disable or enable it ({ enabled }); DELETE — delete it. Each change is audited.
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { readJson } from '@/lib/http/read-json';
import { withAuth } from '@/lib/http/route';
import { deleteMapping } from '@/lib/mappings/delete-mapping';
import { getMapping } from '@/lib/mappings/get-mapping';
import { setMappingEnabled } from '@/lib/mappings/set-mapping-enabled';
import { updateMapping } from '@/lib/mappings/update-mapping';

export const dynamic = 'force-dynamic';

type Params = { id: string };

export const GET = withAuth<Params>({ permission: ['mappings', 'read'] }, async ({ params }) => {
  return Response.json({ mapping: await getMapping({ db: getDb(), id: params.id }) });
});

const putBody = z.object({ mapping: z.record(z.string(), z.unknown()), expectedUpdatedAt: z.string().max(40).optional(), confirmLookalikeGroup: z.boolean().optional() });

export const PUT = withAuth<Params>({ permission: ['mappings', 'update'] }, async ({ actor, request, requestId, params }) => {
  const body = await readJson(request, putBody);
  const mapping = await updateMapping({ db: getDb(), actor, id: params.id, input: body.mapping, expectedUpdatedAt: body.expectedUpdatedAt, confirmLookalikeGroup: body.confirmLookalikeGroup, requestId });
  return Response.json({ mapping });
});

export const PATCH = withAuth<Params>({ permission: ['mappings', 'update'] }, async ({ actor, request, requestId, params }) => {
  const body = await readJson(request, z.object({ enabled: z.boolean() }));
  const mapping = await setMappingEnabled({ db: getDb(), actor, id: params.id, enabled: body.enabled, requestId });
  return Response.json({ mapping });
});

export const DELETE = withAuth<Params>({ permission: ['mappings', 'delete'] }, async ({ actor, requestId, params }) => {
  return Response.json(await deleteMapping({ db: getDb(), actor, id: params.id, requestId }));
});
