import 'server-only';
// The ID token Keyport presents to STS for this person. It stays on the server. When it is about
// to expire, it is renewed with the refresh token (and the groups updated from the new token);
// when that is impossible, the person must sign in again — the caller turns that into a redirect
// that brings them back to what they were doing.
import { jwtVerify } from 'jose';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors/app-error';
import { logger } from '@/lib/log';
import type { Actor } from './actor';
import { identityFromClaims } from './claims';
import { discover } from './oidc-discovery';
import { loadSessionTokens, updateSessionTokens } from './session-store';

/** Renew when less than this is left: STS must still find the token valid when it checks it. */
const RENEW_MARGIN_MS = 2 * 60 * 1000;

export function reauthRequired(): AppError {
  return new AppError('unauthenticated', 'Your sign-in has expired. Sign in again to continue; Keyport will bring you back to this request.', {
    detail: { reauth: true },
  });
}

async function refresh(actor: Actor, refreshToken: string): Promise<string | null> {
  const cfg = getConfig();
  const { discovery, jwks } = await discover(cfg.oidc.issuer);
  const res = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(cfg.oidc.clientId)}:${encodeURIComponent(cfg.oidc.clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) {
    logger().info('ID token refresh refused by the IdP', { status: res.status, sub: actor.sub });
    return null;
  }
  const body = (await res.json()) as { id_token?: string; refresh_token?: string };
  if (!body.id_token) return null;
  const { payload } = await jwtVerify(body.id_token, jwks, { issuer: discovery.issuer, audience: cfg.oidc.clientId });
  const id = identityFromClaims(payload as Record<string, unknown>, cfg.oidc.groupsClaim);
  if (id.sub !== actor.sub || !id.expiresAt) return null;
  await updateSessionTokens(actor.sessionId, {
    idToken: body.id_token,
    refreshToken: body.refresh_token ?? null,
    idTokenExpiresAt: id.expiresAt,
    groups: id.groups,
    email: id.email,
    name: id.name,
  });
  logger().info('ID token renewed', { sub: actor.sub });
  return body.id_token;
}

export async function webIdentityToken(actor: Actor, now: Date = new Date()): Promise<string> {
  const tokens = await loadSessionTokens(actor.sessionId);
  const fresh = tokens.idToken && tokens.idTokenExpiresAt && tokens.idTokenExpiresAt.getTime() - now.getTime() > RENEW_MARGIN_MS;
  if (fresh && tokens.idToken) return tokens.idToken;
  if (tokens.refreshToken) {
    try {
      const renewed = await refresh(actor, tokens.refreshToken);
      if (renewed) return renewed;
    } catch (e) {
      logger().warn('ID token refresh failed', { error: e, sub: actor.sub });
    }
  }
  throw reauthRequired();
}
