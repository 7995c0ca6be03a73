// POST /api/cli/logout — `keyport logout`: revokes the CLI sign-in whose token made the request.
// CLI only (bearer token).
import { getDb } from '@/lib/db/client';
import { revokeCliToken } from '@/lib/cli-auth/revoke-cli-token';
import { AppError } from '@/lib/errors/app-error';
import { withAuth } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const POST = withAuth({ permission: ['catalog', 'read'], channels: ['cli'] }, async ({ actor, cliTokenId, requestId, sourceIp, userAgent }) => {
  if (!cliTokenId) throw new AppError('unauthenticated', 'Run `keyport login` to sign in.');
  await revokeCliToken({ db: getDb(), actor, tokenId: cliTokenId, reason: 'logout', channel: 'cli', context: { requestId, sourceIp, userAgent } });
  return Response.json({ revoked: true });
});
