import 'server-only';
// next-auth configuration: one OIDC provider found by discovery, authorization code with PKCE,
// state and nonce. The JWT cookie carries only the server-side session id (`sid`); identity,
// groups and IdP tokens stay in the sessions table (tokens encrypted).
import type { NextAuthOptions } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { safeReturnPath } from '@/lib/http/safe-return-path';
import { logger, requestLogger } from '@/lib/log';
import { recordCallbackFailure } from './callback-failure-capture';
import { identityFromClaims } from './claims';
import { classifyOidcCallbackFailure } from './oidc-callback-failure';
import { keepsIdpTokens } from './keeps-idp-tokens';
import { createSession, endSession } from './session-store';

export const OIDC_PROVIDER_ID = 'oidc';

export function sessionCookieName(secure: boolean): string {
  // __Host- binds the cookie to this exact origin (Secure, Path=/, no Domain) when served over HTTPS.
  return secure ? '__Host-keyport.session' : 'keyport.session';
}

let cached: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const cfg = getConfig();
  const secure = cfg.secureCookies;
  const provider: OAuthConfig<Record<string, unknown>> = {
    id: OIDC_PROVIDER_ID,
    name: cfg.oidc.displayName,
    type: 'oauth',
    wellKnown: `${cfg.oidc.issuer}/.well-known/openid-configuration`,
    clientId: cfg.oidc.clientId,
    clientSecret: cfg.oidc.clientSecret,
    authorization: { params: { scope: cfg.oidc.scopes } },
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    profile(profile) {
      const id = identityFromClaims(profile, cfg.oidc.groupsClaim, { groupPaths: cfg.oidc.groupPaths });
      return { id: id.sub, name: id.name, email: id.email };
    },
  };
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  cached = {
    secret: cfg.authSecret,
    // With only SAML configured there is no OIDC provider; SAML sign-in has its own routes.
    providers: cfg.oidcEnabled ? [provider] : [],
    session: { strategy: 'jwt', maxAge: cfg.sessionMaxAgeSeconds },
    useSecureCookies: secure,
    cookies: {
      sessionToken: { name: sessionCookieName(secure), options: cookieOptions },
    },
    pages: { signIn: '/signin', error: '/signin', signOut: '/signin' },
    callbacks: {
      async signIn({ profile }) {
        // Entra ID's groups overage: no groups in the token. Refused with what to change (claims.ts).
        if (profile && identityFromClaims(profile as Record<string, unknown>, cfg.oidc.groupsClaim).groupsOverage) {
          (await requestLogger()).warn('OIDC sign-in refused: the IdP left the groups out (groups overage)', { step: 'claims', groupsClaim: cfg.oidc.groupsClaim });
          return '/signin?error=GroupsOverage';
        }
        return true;
      },
      async jwt({ token, account, profile }) {
        if (account && profile) {
          const claims = profile as Record<string, unknown>;
          const id = identityFromClaims(claims, cfg.oidc.groupsClaim, { groupPaths: cfg.oidc.groupPaths });
          const keep = await keepsIdpTokens(getDb(), cfg.federationMode);
          const sid = await createSession({
            sub: id.sub,
            idpKind: 'OIDC',
            email: id.email,
            emailVerified: id.emailVerified,
            name: id.name,
            username: id.username,
            groups: id.groups,
            idToken: keep ? (account.id_token ?? null) : null,
            refreshToken: keep ? (account.refresh_token ?? null) : null,
            idTokenExpiresAt: id.expiresAt,
          });
          (await requestLogger()).info('signed in', { sub: id.sub, groups: id.groups.length, idp: 'oidc' });
          // Nothing but the session id goes into the cookie.
          return { sid };
        }
        return { sid: token.sid };
      },
      async session({ session }) {
        // The browser-visible session object carries nothing; pages read the actor server-side.
        return { expires: session.expires };
      },
      async redirect({ url }) {
        // Only same-origin destinations, so a crafted callbackUrl cannot bounce people elsewhere.
        return `${cfg.publicUrl}${safeReturnPath(url, cfg.publicUrl)}`;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === 'string') await endSession(token.sid);
      },
    },
    logger: {
      error: (code, metadata) => {
        // A callback failure is logged with its step and the IdP's error / error_description
        // (never the error objects: openid-client attaches the ID token to some of them).
        const failure = classifyOidcCallbackFailure(code, metadata);
        if (failure) {
          recordCallbackFailure(failure);
          logger().error('OIDC sign-in failed', { code, step: failure.step, error: failure.error, error_description: failure.errorDescription });
          return;
        }
        logger().error('next-auth error', { code, metadata: metadata instanceof Error ? { name: metadata.name, message: metadata.message } : undefined });
      },
      warn: (code) => logger().warn('next-auth warning', { code }),
      debug: () => undefined,
    },
  };
  return cached;
}
