// POST /api/cli/token — the OAuth 2.0 token endpoint of Keyport's CLI client (public client, PKCE):
// authorization_code (RFC 6749 4.1.3, RFC 7636 4.5), device_code (RFC 8628 3.4) and refresh_token
// (RFC 6749 6, rotated). Anonymous by nature: the code, device code or refresh token is the proof.
import { getDb } from '@/lib/db/client';
import { oauthEndpoint, oauthErrorResponse, oauthJson } from '@/lib/cli-auth/oauth-endpoint';
import { pollDeviceAuthorization } from '@/lib/cli-auth/poll-device-authorization';
import { redeemAuthorizationCode } from '@/lib/cli-auth/redeem-authorization-code';
import { refreshCliToken } from '@/lib/cli-auth/refresh-cli-token';
import { tokenRequest } from '@/lib/cli-api/schemas';

export const dynamic = 'force-dynamic';

export const POST = oauthEndpoint({ schema: tokenRequest }, async (input, ctx) => {
  const db = getDb();
  const context = { requestId: ctx.requestId, sourceIp: ctx.sourceIp, userAgent: ctx.userAgent };
  const result =
    input.grant_type === 'authorization_code'
      ? await redeemAuthorizationCode({ db, code: input.code, codeVerifier: input.code_verifier, redirectUri: input.redirect_uri, context })
      : input.grant_type === 'refresh_token'
        ? await refreshCliToken({ db, refreshToken: input.refresh_token, context })
        : await pollDeviceAuthorization({ db, deviceCode: input.device_code, context });
  if ('error' in result) {
    if (result.error !== 'authorization_pending' && result.error !== 'slow_down') ctx.log.info('CLI token request refused', { grant: input.grant_type, error: result.error, reason: result.keyport_reason });
    return oauthErrorResponse(result);
  }
  return oauthJson(result);
});
