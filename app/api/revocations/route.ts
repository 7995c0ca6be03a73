// GET /api/revocations — revocations, newest first.
// POST /api/revocations — { kind: 'role', roleArn, reason } revokes every session of a role
// issued before now; { kind: 'person', personSub, reason } every session Keyport issued to that
// person. A reason is required (422 without).
import { z } from 'zod';
import { readJson } from '@/lib/http/read-json';
import { withAuth } from '@/lib/http/route';
import { getDb } from '@/lib/db/client';
import { revocationDeps } from '@/lib/revocation/deps';
import { listRevocations } from '@/lib/revocation/list-revocations';
import { revokePersonSessions } from '@/lib/revocation/revoke-person-sessions';
import { revokeRoleSessions } from '@/lib/revocation/revoke-role-sessions';

export const dynamic = 'force-dynamic';

const reason = z.string({ error: 'A reason is required.' }).trim().min(3, 'A reason is required (at least 3 characters).').max(1000);
const body = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('role'), roleArn: z.string().min(1).max(2048), reason }),
  z.object({ kind: z.literal('person'), personSub: z.string().min(1).max(512), reason }),
]);

export const GET = withAuth({ permission: ['revocations', 'read'] }, async () => {
  return Response.json({ revocations: await listRevocations({ db: getDb() }) });
});

export const POST = withAuth({ permission: ['revocations', 'create'] }, async ({ actor, request, requestId, log, sourceIp, userAgent }) => {
  const input = await readJson(request, body);
  const context = { requestId, sourceIp, userAgent };
  const deps = revocationDeps(log);
  const revocation =
    input.kind === 'role'
      ? await revokeRoleSessions({ actor, roleArn: input.roleArn, reason: input.reason, context, deps })
      : await revokePersonSessions({ actor, personSub: input.personSub, reason: input.reason, context, deps });
  return Response.json({ revocation }, { status: 201 });
});
