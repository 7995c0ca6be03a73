// POST /api/console — a one-click AWS console sign-in URL for credentials Keyport issued to you.
// Body: { accessKeyId, secretAccessKey, sessionToken } (held only by the browser that got them).
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { readJson } from '@/lib/http/read-json';
import { withAuth } from '@/lib/http/route';
import { consoleSignInUrl } from '@/lib/issuance/console-sign-in-url';

export const dynamic = 'force-dynamic';

const body = z.object({
  accessKeyId: z.string().min(16).max(128),
  secretAccessKey: z.string().min(1).max(256),
  sessionToken: z.string().min(1).max(8192),
});

export const POST = withAuth({ permission: ['credentials', 'issue'] }, async ({ actor, request, log }) => {
  const credentials = await readJson(request, body);
  const cfg = getConfig();
  const url = await consoleSignInUrl({ db: getDb(), log, actor, credentials, issuerUrl: `${cfg.publicUrl}/signin`, federationEndpoint: cfg.federationEndpoint });
  return Response.json({ url });
});
