// POST /api/cli/device — the device authorization endpoint (RFC 8628 3.1) for
// `keyport login --device-code`: a device code to poll with and a user code to type at
// /cli/device. Anonymous (the CLI has no sign-in yet); limited per source address
// (CLI_DEVICE_RATE_LIMIT_PER_HOUR).
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { oauthEndpoint, oauthJson } from '@/lib/cli-auth/oauth-endpoint';
import { startDeviceAuthorization } from '@/lib/cli-auth/start-device-authorization';
import { deviceAuthorizationRequest } from '@/lib/cli-api/schemas';

export const dynamic = 'force-dynamic';

export const POST = oauthEndpoint({ schema: deviceAuthorizationRequest, limit: { key: 'cli-device', perHour: (cfg) => cfg.cliDeviceRateLimitPerHour } }, async (input, ctx) => {
  const started = await startDeviceAuthorization({
    db: getDb(),
    publicUrl: getConfig().publicUrl,
    clientName: input.client_name ?? 'keyport CLI',
    context: { requestId: ctx.requestId, sourceIp: ctx.sourceIp, userAgent: ctx.userAgent },
  });
  return oauthJson(started);
});
