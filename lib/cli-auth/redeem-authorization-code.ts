import 'server-only';
// grant_type=authorization_code (RFC 6749 4.1.3): the code is used once — consumed in the same
// statement that finds it, so a second redemption finds nothing — and only with the verifier of
// its PKCE challenge (RFC 7636 4.6) and the redirect URI it was issued for.
import { sqlPool, type Db } from '@/lib/db/create-client';
import { issueCliTokens, type CliRequestContext } from './issue-cli-tokens';
import { hashOpaqueToken, looksLikeOpaqueToken } from './opaque-token';
import { pkceMatches } from './pkce';
import { refusedGrant, type CliTokenSet, type OAuthError } from './token-response';

export async function redeemAuthorizationCode(opts: {
  db: Db;
  code: string;
  codeVerifier: string;
  redirectUri: string;
  context: CliRequestContext;
  now?: Date;
}): Promise<CliTokenSet | OAuthError> {
  const now = opts.now ?? new Date();
  const invalid: OAuthError = { error: 'invalid_grant', error_description: 'The sign-in code is unknown, expired or already used. Run `keyport login` again.' };
  if (!looksLikeOpaqueToken(opts.code, 'kpc')) return invalid;
  const { rows } = await sqlPool(opts.db).query<{ id: string; code_challenge: string | null; redirect_uri: string | null; session_id: string | null; client_name: string }>(
    `UPDATE "cli_authorizations" SET "consumed_at" = $2
      WHERE "code_hash" = $1 AND "kind" = 'code' AND "consumed_at" IS NULL AND "approved_at" IS NOT NULL AND "expires_at" > $2
      RETURNING "id", "code_challenge", "redirect_uri", "session_id", "client_name"`,
    [hashOpaqueToken(opts.code), now],
  );
  const row = rows[0];
  if (!row?.session_id || !row.code_challenge) return invalid;
  if (row.redirect_uri !== opts.redirectUri) return { error: 'invalid_grant', error_description: 'The redirect URI does not match the one the code was issued for (RFC 6749 4.1.3).' };
  if (!pkceMatches(opts.codeVerifier, row.code_challenge)) return { error: 'invalid_grant', error_description: 'The code verifier does not match the code challenge (PKCE, RFC 7636 4.6).' };
  const issued = await issueCliTokens({ db: opts.db, sessionId: row.session_id, grantType: 'authorization_code', clientName: row.client_name, authorizationId: row.id, context: opts.context, now });
  return typeof issued === 'string' ? refusedGrant(issued) : issued;
}
