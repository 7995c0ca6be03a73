// POST /api/admin/mappings/impact — whose access a proposed change would add or remove, by group
// and by the people last seen with those groups. Body: { kind: create|update|enable|disable|delete,
// id?, mapping? }. Changes nothing.
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { readJson } from '@/lib/http/read-json';
import { withAuth } from '@/lib/http/route';
import { listPeopleSeen } from '@/lib/mappings/list-people-seen';
import { previewChange, type ProposedChange } from '@/lib/mappings/preview-access';

export const dynamic = 'force-dynamic';

const mapping = z.record(z.string(), z.unknown());
const body = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('create'), mapping }),
  z.object({ kind: z.literal('update'), id: z.string().max(64), mapping }),
  z.object({ kind: z.enum(['enable', 'disable', 'delete']), id: z.string().max(64) }),
]);

export const POST = withAuth({ permission: ['mappings', 'read'] }, async ({ request }) => {
  const input = await readJson(request, body);
  const change: ProposedChange =
    input.kind === 'create' ? { kind: 'create', input: input.mapping } : input.kind === 'update' ? { kind: 'update', id: input.id, input: input.mapping } : { kind: input.kind, id: input.id };
  const db = getDb();
  return Response.json({ impact: await previewChange({ db, change, people: await listPeopleSeen({ db }) }) });
});
