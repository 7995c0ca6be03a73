import 'server-only';
// The ID token Keyport presents to STS for this person. It stays on the server. When it is about
// to expire, it is renewed with the refresh token (and the groups updated from the new token);
// when that is impossible, the person must sign in again — the caller turns that into a redirect
// that brings them back to what they were doing.
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors/app-error';
import { requestLogger } from '@/lib/log';
import type { Actor } from './actor';
import { discover } from './oidc-discovery';
import { refreshIdToken } from './refresh-id-token';
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
  const renewed = await refreshIdToken({
    tokenEndpoint: discovery.token_endpoint,
    issuer: discovery.issuer,
    jwks,
    clientId: cfg.oidc.clientId,
    clientSecret: cfg.oidc.clientSecret,
    refreshToken,
    groupsClaim: cfg.oidc.groupsClaim,
    expectedSub: actor.sub,
  });
  if (!renewed) {
    (await requestLogger()).info('ID token refresh refused by the IdP', { sub: actor.sub });
    return null;
  }
  const id = renewed.identity;
  await updateSessionTokens(actor.sessionId, {
    idToken: renewed.idToken,
    refreshToken: renewed.refreshToken,
    idTokenExpiresAt: id.expiresAt,
    groups: id.groups,
    email: id.email,
    emailVerified: id.emailVerified,
    name: id.name,
  });
  (await requestLogger()).info('ID token renewed', { sub: actor.sub });
  return renewed.idToken;
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
      (await requestLogger()).warn('ID token refresh failed', { error: e, sub: actor.sub });
    }
  }
  throw reauthRequired();
}
