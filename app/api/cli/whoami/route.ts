// GET /api/cli/whoami — `keyport whoami`: who the CLI token speaks for, their groups and when the
// token and the sign-in end. CLI only (bearer token).
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { withAuth } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = withAuth({ permission: ['catalog', 'read'], channels: ['cli'] }, async ({ actor, cliTokenId }) => {
  const token = cliTokenId ? await getDb().cliToken.findUnique({ where: { id: cliTokenId }, select: { accessExpiresAt: true, refreshExpiresAt: true } }) : null;
  if (!token) throw new AppError('unauthenticated', 'Run `keyport login` to sign in.');
  return Response.json({
    sub: actor.sub,
    name: actor.name,
    email: actor.email,
    idpKind: actor.idpKind,
    groups: actor.groups,
    appRoles: actor.roles,
    revoked: actor.revoked === true,
    accessTokenExpiresAt: token.accessExpiresAt.toISOString(),
    signInEndsAt: token.refreshExpiresAt.toISOString(),
  });
});
