// POST /api/cli/device/lookup — what the approval page shows for a code the person typed: the
// code, the requesting address and user agent. Browser only; lookups are rate-limited per person.
import { getDb } from '@/lib/db/client';
import { findDeviceAuthorization } from '@/lib/cli-auth/find-device-authorization';
import { deviceLookupRequest } from '@/lib/cli-api/schemas';
import { readJson } from '@/lib/http/read-json';
import { withAuth } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const POST = withAuth({ permission: ['catalog', 'read'] }, async ({ actor, request }) => {
  const input = await readJson(request, deviceLookupRequest);
  const found = await findDeviceAuthorization({ db: getDb(), personSub: actor.sub, userCode: input.userCode });
  return Response.json({ userCode: found.userCode, clientName: found.clientName, requesterIp: found.requesterIp, requesterUserAgent: found.requesterUserAgent, requestedAt: found.requestedAt, expiresAt: found.expiresAt });
});
