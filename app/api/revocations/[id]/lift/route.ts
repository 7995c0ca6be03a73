// POST /api/revocations/:id/lift — { reason } removes the revocation's deny policy from its
// roles (DeleteRolePolicy) and records who lifted it and why.
import { z } from 'zod';
import { readJson } from '@/lib/http/read-json';
import { withAuth } from '@/lib/http/route';
import { revocationDeps } from '@/lib/revocation/deps';
import { liftRevocation } from '@/lib/revocation/lift-revocation';

export const dynamic = 'force-dynamic';

const body = z.object({ reason: z.string({ error: 'A reason is required.' }).trim().min(3, 'A reason is required (at least 3 characters).').max(1000) });

export const POST = withAuth<{ id: string }>({ permission: ['revocations', 'lift'] }, async ({ actor, request, requestId, log, sourceIp, userAgent, params }) => {
  const input = await readJson(request, body);
  const revocation = await liftRevocation({ actor, revocationId: params.id, reason: input.reason, context: { requestId, sourceIp, userAgent }, deps: revocationDeps(log) });
  return Response.json({ revocation });
});
