import 'server-only';
// The ID token Keyport presents to STS for this person. It stays on the server. When it is about
// to expire, it is renewed with the refresh token (and the groups updated from the new token);
// when that is impossible, the person must sign in again — the caller turns that into a redirect
// that brings them back to what they were doing. Only issuance (passthrough: AWS checks the IdP's
// own ID token) needs an unexpired ID token; the Keyport session never ends with it. An IdP may
// answer a refresh without a new ID token (OpenID Connect Core 1.0, 12.2): the session goes on
// with the rotated refresh token, and the person is asked to sign in only when an ID token is
// needed and the one held has expired, with a message that says so.
import { inEnglish, type Explanation } from '@/lib/i18n/explanation';
import { getConfig } from '@/lib/config';
import { explainedError, type AppError } from '@/lib/errors/app-error';
import { requestLogger } from '@/lib/log';
import type { Actor } from './actor';
import { discover } from './oidc-discovery';
import { refreshIdToken } from './refresh-id-token';
import { loadSessionTokens, updateRefreshToken, updateSessionTokens } from './session-store';

/** Renew when less than this is left: STS must still find the token valid when it checks it. */
const RENEW_MARGIN_MS = 2 * 60 * 1000;

export function reauthRequired(explanation: Explanation = { key: 'issue.signInExpired' }, reason?: 'no_new_id_token'): AppError {
  return explainedError('unauthenticated', explanation, { detail: { reauth: true, ...(reason ? { reason } : {}) } });
}

/** Why a person must sign in again although their IdP renewed their session. */
export const NO_NEW_ID_TOKEN_EXPLANATION: Explanation = { key: 'auth.noNewIdToken' };
export const NO_NEW_ID_TOKEN_MESSAGE = inEnglish(NO_NEW_ID_TOKEN_EXPLANATION);

async function refresh(actor: Actor, refreshToken: string): Promise<string | AppError> {
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
    groupPaths: cfg.oidc.groupPaths,
    expectedSub: actor.sub,
  });
  const log = await requestLogger();
  if (renewed.kind === 'no_id_token') {
    if (renewed.refreshToken) await updateRefreshToken(actor.sessionId, renewed.refreshToken);
    log.info('ID token refresh answered without a new ID token; the session continues', { sub: actor.sub, refreshTokenRotated: renewed.refreshToken !== null });
    return reauthRequired(NO_NEW_ID_TOKEN_EXPLANATION, 'no_new_id_token');
  }
  if (renewed.kind === 'refused') {
    log.info('ID token refresh refused by the IdP', { sub: actor.sub, status: renewed.status, error: renewed.error, error_description: renewed.errorDescription });
    return reauthRequired();
  }
  if (renewed.kind === 'invalid') {
    log.warn('ID token refresh answered with an ID token that failed verification', { sub: actor.sub, reason: renewed.reason });
    return reauthRequired();
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
    let renewed: string | AppError;
    try {
      renewed = await refresh(actor, tokens.refreshToken);
    } catch (e) {
      (await requestLogger()).warn('ID token refresh failed', { error: e, sub: actor.sub });
      throw reauthRequired();
    }
    if (typeof renewed === 'string') return renewed;
    throw renewed;
  }
  throw reauthRequired();
}
