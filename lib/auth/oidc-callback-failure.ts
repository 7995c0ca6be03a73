// Pure: why an OIDC sign-in callback failed, read from what next-auth hands its logger, and the
// sentence the person reads. next-auth v4 reports every callback failure as OAUTH_CALLBACK_ERROR
// (with an OAuthCallbackError that keeps the original openid-client error's message and stack) or
// OAUTH_CALLBACK_HANDLER_ERROR (the IdP redirected back with `error`, RFC 6749 4.1.2.1). The step
// is read from where openid-client raised the error:
//   discovery            Issuer.discover (OpenID Connect Discovery 1.0, section 4);
//   token_endpoint       Client.grant: the IdP's token endpoint answered an error (RFC 6749 5.2:
//                        `error`, `error_description`), e.g. invalid_client, unauthorized_client;
//   id_token_validation  the ID token failed a check of OpenID Connect Core 1.0 3.1.3.7 (issuer,
//                        audience, signature, expiry, nonce);
//   checks               state / PKCE / nonce cookies of this browser (RFC 6749 10.12, RFC 7636);
//   authorization        the IdP redirected back with an error instead of a code;
//   network              the IdP could not be reached (discovery or token endpoint).
// Only `error` and `error_description` are kept: never a code, token or the error objects, whose
// properties may hold the ID token (openid-client attaches `jwt` to validation errors).

import { inEnglish, type Explanation } from '@/lib/i18n/explanation';

export type OidcCallbackStep = 'authorization' | 'discovery' | 'token_endpoint' | 'id_token_validation' | 'checks' | 'network' | 'unknown';

export interface OidcCallbackFailure {
  step: OidcCallbackStep;
  /** The IdP's (or openid-client's) short error code, e.g. `unauthorized_client`; null when none. */
  error: string | null;
  /** The IdP's error_description, or openid-client's message; for the log only. */
  errorDescription: string | null;
}

export const OIDC_CALLBACK_STEPS: readonly OidcCallbackStep[] = ['authorization', 'discovery', 'token_endpoint', 'id_token_validation', 'checks', 'network', 'unknown'];

const ERROR_CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * An IdP's (or openid-client's) error text made fit for the log: printable, at most 300
 * characters, and any run that looks like a token, code or JWT (24+ characters of base64url,
 * base64 or hex, dots allowed) replaced — some IdPs quote the code or token they refuse.
 */
export function cleanIdpText(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const t = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/(https?:\/\/[^\s?#]+)|[A-Za-z0-9_\-+/=.~]{24,}/g, (run, url: string | undefined) => (url || /^[a-z]+(\.[a-z]+)+$/i.test(run) ? run : '[redacted]'))
    .trim();
  return t === '' ? null : t.slice(0, 300);
}
const clean = cleanIdpText;

/** A short error code safe to carry in a URL and show; anything else is dropped. */
export function safeErrorCode(value: unknown): string | null {
  return typeof value === 'string' && ERROR_CODE.test(value) ? value : null;
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;
}

function fromError(err: Record<string, unknown>): OidcCallbackFailure {
  const message = clean(err['message']) ?? '';
  const stack = typeof err['stack'] === 'string' ? err['stack'] : '';
  const kind = /^(\w+)/.exec(stack)?.[1] ?? (typeof err['name'] === 'string' ? err['name'] : '');
  const code = typeof err['code'] === 'string' ? err['code'] : '';
  // OPError's message is "error (error_description)" (openid-client lib/errors.js).
  const op = kind === 'OPError' ? /^([^\s(]+)(?: \(([\s\S]*)\))?$/.exec(message) : null;
  const error = op ? safeErrorCode(op[1]) : null;
  const description = op ? (clean(op[2]) ?? (error ? null : message)) : message || null;
  if (/Issuer\.discover/.test(stack)) return { step: 'discovery', error, errorDescription: description };
  if (/Client\.grant/.test(stack)) return { step: 'token_endpoint', error, errorDescription: description };
  if (NETWORK.has(code)) return { step: 'network', error: code, errorDescription: description };
  if (/validateIdToken|validateJWT|decryptIdToken|id_token not present|unexpected (iss|aud|alg)|aud mismatch|nonce mismatch|JWT (expired|not active)|failed to validate JWT signature|missing required JWT property/.test(`${stack}\n${message}`)) {
    return { step: 'id_token_validation', error, errorDescription: description };
  }
  if (/state mismatch|checks\.|cookie was missing|code_verifier|PKCE|nonce/i.test(message)) return { step: 'checks', error, errorDescription: description };
  if (op) return { step: 'token_endpoint', error, errorDescription: description };
  return { step: 'unknown', error, errorDescription: description };
}

/** The failure next-auth's logger was told about, or null for codes that are not callback failures. */
export function classifyOidcCallbackFailure(code: string, metadata: unknown): OidcCallbackFailure | null {
  const meta = record(metadata);
  if (code === 'OAUTH_CALLBACK_HANDLER_ERROR' && meta && 'error_description' in meta) {
    const err = record(meta['error']);
    return { step: 'authorization', error: safeErrorCode(err?.['message']), errorDescription: clean(meta['error_description']) };
  }
  if (code !== 'OAUTH_CALLBACK_ERROR' && code !== 'OAUTH_CALLBACK_HANDLER_ERROR') return null;
  const err = meta && record(meta['error']) && 'providerId' in meta ? record(meta['error']) : meta;
  return err ? fromError(err) : { step: 'unknown', error: null, errorDescription: null };
}

/** What the sign-in page says, by step, as a message of the `explain` catalog; the IdP's description stays in the server log. */
export function oidcCallbackExplanation(step: OidcCallbackStep, error: string | null): Explanation {
  return { key: `oidc.${step}`, values: { error: error ?? 'none', code: error ?? '', hasCode: error ? 'yes' : 'no' } };
}

/** The same in English. */
export function explainOidcCallbackFailure(step: OidcCallbackStep, error: string | null): string {
  return inEnglish(oidcCallbackExplanation(step, error));
}

/** The step and code as the sign-in page receives them (`?oidcStep=&oidcError=`); anything else is ignored. */
export function oidcFailureExplanation(step: string | undefined, error: string | undefined): Explanation | null {
  if (!step || !(OIDC_CALLBACK_STEPS as readonly string[]).includes(step)) return null;
  return oidcCallbackExplanation(step as OidcCallbackStep, safeErrorCode(error));
}

export function oidcFailureMessage(step: string | undefined, error: string | undefined): string | null {
  const e = oidcFailureExplanation(step, error);
  return e ? inEnglish(e) : null;
}

/**
 * next-auth answers a failed callback with a redirect to its error route, which redirects to the
 * sign-in page (`pages.error`) with `?error=` only. This goes to the sign-in page directly, with
 * the step and the IdP's code added; redirects without `?error=` are left alone.
 */
export function withFailureDetail(location: string, failure: OidcCallbackFailure, base: string, signInPath: string): string {
  const url = new URL(location, base);
  const error = url.searchParams.get('error');
  if (url.origin !== new URL(base).origin || !error) return location;
  const out = new URLSearchParams({ error, oidcStep: failure.step });
  if (failure.error) out.set('oidcError', failure.error);
  return `${signInPath}?${out.toString()}`;
}
