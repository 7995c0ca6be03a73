// The token endpoint's answers (RFC 6749 5.1 and 5.2). Pure.
import type { CliTokenRefusal } from './cli-refusal';
import { CLI_REFUSAL_MESSAGES } from './cli-refusal';

export interface CliTokenSet {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  /** Not in RFC 6749: when the refresh token (and so this sign-in) ends, in seconds. */
  refresh_token_expires_in: number;
}

export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'authorization_pending' | 'slow_down' | 'access_denied' | 'expired_token';

export interface OAuthError {
  error: OAuthErrorCode;
  error_description: string;
  /** Keyport's reason, for the CLI to tell "revoked" from "expired" (never a secret). */
  keyport_reason?: CliTokenRefusal;
  interval?: number;
}

export function tokenSet(o: { accessToken: string; refreshToken: string; accessExpiresAt: Date; refreshExpiresAt: Date; now: Date }): CliTokenSet {
  const secs = (d: Date) => Math.max(0, Math.floor((d.getTime() - o.now.getTime()) / 1000));
  return { access_token: o.accessToken, token_type: 'Bearer', expires_in: secs(o.accessExpiresAt), refresh_token: o.refreshToken, refresh_token_expires_in: secs(o.refreshExpiresAt) };
}

export function refusedGrant(refusal: CliTokenRefusal): OAuthError {
  return { error: 'invalid_grant', error_description: CLI_REFUSAL_MESSAGES[refusal], keyport_reason: refusal };
}
