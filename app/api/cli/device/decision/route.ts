// POST /api/cli/device/decision — approve or decline the device sign-in of a typed code.
// Browser only (session cookie, Origin check).
import { getDb } from '@/lib/db/client';
import { decideDeviceAuthorization } from '@/lib/cli-auth/decide-device-authorization';
import { deviceDecisionRequest } from '@/lib/cli-api/schemas';
import { readJson } from '@/lib/http/read-json';
import { withAuth } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const POST = withAuth({ permission: ['catalog', 'read'] }, async ({ actor, request, requestId, sourceIp, userAgent }) => {
  const input = await readJson(request, deviceDecisionRequest);
  return Response.json(await decideDeviceAuthorization({ db: getDb(), actor, userCode: input.userCode, approve: input.approve, context: { requestId, sourceIp, userAgent } }));
});
