// POST /api/admin/mappings/import — { document, mode: merge|replace, apply, expectedDigest?,
// confirmLookalikeGroups? }.
// apply=false validates every row and answers the changes it would make (with whose access they
// change); apply=true applies exactly that plan, all or nothing. A bad row is a 422 naming it, and
// so is a row of a lookalike group unless confirmLookalikeGroups is true.
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { readJson } from '@/lib/http/read-json';
import { withAuth } from '@/lib/http/route';
import { importMappings } from '@/lib/mappings/import-mappings';
import { listPeopleSeen } from '@/lib/mappings/list-people-seen';

export const dynamic = 'force-dynamic';

const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

const body = z.object({
  document: z.unknown(),
  mode: z.enum(['merge', 'replace']),
  apply: z.boolean(),
  expectedDigest: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  confirmLookalikeGroups: z.boolean().optional(),
});

export const POST = withAuth({ permission: ['mappings', 'import'] }, async ({ actor, request, requestId }) => {
  // A whole mapping document: its own, larger limit.
  const input = await readJson(request, body, { maxBytes: MAX_IMPORT_BYTES });
  const db = getDb();
  const summary = await importMappings({
    db,
    actor,
    document: input.document,
    mode: input.mode,
    apply: input.apply,
    expectedDigest: input.expectedDigest,
    confirmLookalikeGroups: input.confirmLookalikeGroups,
    people: await listPeopleSeen({ db }),
    requestId,
  });
  return Response.json({ summary });
});
