// POST /api/console — a one-click AWS console sign-in URL for credentials Keyport issued to you.
// Body: { accessKeyId, secretAccessKey, sessionToken, destination? } (held only by the browser or
// the CLI that got them). The page and `keyport console` (bearer token) alike.
import { consoleRequest } from '@/lib/cli-api/schemas';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { readJson } from '@/lib/http/read-json';
import { withAuth } from '@/lib/http/route';
import { consoleSignInUrl } from '@/lib/issuance/console-sign-in-url';

export const dynamic = 'force-dynamic';

export const POST = withAuth({ permission: ['credentials', 'issue'], channels: ['web', 'cli'] }, async ({ actor, request, log }) => {
  const { destination, ...credentials } = await readJson(request, consoleRequest);
  const cfg = getConfig();
  const url = await consoleSignInUrl({ db: getDb(), log, actor, credentials, issuerUrl: `${cfg.publicUrl}/signin`, federationEndpoint: cfg.federationEndpoint, destination });
  return Response.json({ url });
});
