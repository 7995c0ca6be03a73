// DELETE /api/cli/devices/[id] — revoke one of your own CLI sign-ins (Your devices page).
// Browser only; the person is in the query, so nobody revokes another's device.
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { revokeCliToken } from '@/lib/cli-auth/revoke-cli-token';
import { AppError } from '@/lib/errors/app-error';
import { withAuth } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

const id = z.uuid();

export const DELETE = withAuth<{ id: string }>({ permission: ['catalog', 'read'] }, async ({ actor, params, requestId, sourceIp, userAgent }) => {
  const parsed = id.safeParse(params.id);
  if (!parsed.success) throw new AppError('not_found', 'No active CLI sign-in of yours has this id.');
  await revokeCliToken({ db: getDb(), actor, tokenId: parsed.data, reason: 'device_revoked', channel: 'web', context: { requestId, sourceIp, userAgent } });
  return Response.json({ revoked: true });
});
