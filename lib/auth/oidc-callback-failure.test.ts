import { describe, expect, it } from 'vitest';
import { classifyOidcCallbackFailure, cleanIdpText, oidcFailureMessage, safeErrorCode, withFailureDetail } from './oidc-callback-failure';

describe('oidcFailureMessage (what ?oidcStep=&oidcError= may show)', () => {
  it('explains a known step with a safe code', () => {
    expect(oidcFailureMessage('token_endpoint', 'unauthorized_client')).toMatch(/not allowed the authorization code flow/);
  });
  it('shows nothing for an unknown step', () => {
    expect(oidcFailureMessage('evil', 'x')).toBeNull();
    expect(oidcFailureMessage(undefined, 'x')).toBeNull();
  });
  it('drops a code that is not a short token, never echoing it', () => {
    const m = oidcFailureMessage('unknown', '<script>alert(1)</script>');
    expect(m).not.toContain('<script>');
    expect(m).not.toContain('alert');
    expect(oidcFailureMessage('token_endpoint', 'a'.repeat(65))).not.toContain('a'.repeat(65));
  });
});

describe('safeErrorCode', () => {
  it('keeps RFC 6749 style codes and refuses anything else', () => {
    expect(safeErrorCode('invalid_client')).toBe('invalid_client');
    expect(safeErrorCode('has space')).toBeNull();
    expect(safeErrorCode('')).toBeNull();
    expect(safeErrorCode(42)).toBeNull();
    expect(safeErrorCode('x\ny')).toBeNull();
  });
});

describe('classifyOidcCallbackFailure', () => {
  it('ignores codes that are not callback failures', () => {
    expect(classifyOidcCallbackFailure('JWT_SESSION_ERROR', new Error('x'))).toBeNull();
    expect(classifyOidcCallbackFailure('SIGNIN_OAUTH_ERROR', new Error('x'))).toBeNull();
  });
  it('cuts an IdP description to 300 printable characters', () => {
    const f = classifyOidcCallbackFailure('OAUTH_CALLBACK_HANDLER_ERROR', { error: new Error('server_error'), error_description: `a\u0000b${' word'.repeat(100)}`, providerId: 'oidc' });
    expect(f?.errorDescription?.length).toBe(300);
    expect(f?.errorDescription).not.toContain('\u0000');
  });
  it('reads a failure without details as unknown, not as a step it did not see', () => {
    expect(classifyOidcCallbackFailure('OAUTH_CALLBACK_ERROR', undefined)).toEqual({ step: 'unknown', error: null, errorDescription: null });
    expect(classifyOidcCallbackFailure('OAUTH_CALLBACK_ERROR', { error: new Error('something odd'), providerId: 'oidc' })?.step).toBe('unknown');
  });
});

describe('withFailureDetail', () => {
  const f = { step: 'token_endpoint' as const, error: 'invalid_client', errorDescription: 'secret <b>wrong</b>' };
  it("sends next-auth's error redirect straight to the sign-in page with the step and code, never the description", () => {
    const out = withFailureDetail('http://localhost:3000/api/auth/error?error=OAuthCallback', f, 'http://localhost:3000/api/auth/callback/oidc?code=x', '/signin');
    expect(out).toBe('/signin?error=OAuthCallback&oidcStep=token_endpoint&oidcError=invalid_client');
    expect(out).not.toContain('wrong');
  });
  it('leaves redirects without an error alone', () => {
    expect(withFailureDetail('http://localhost:3000/roles', f, 'http://localhost:3000/x', '/signin')).toBe('http://localhost:3000/roles');
  });
  it('leaves redirects to another origin alone', () => {
    expect(withFailureDetail('https://evil.example/?error=x', f, 'http://localhost:3000/x', '/signin')).toBe('https://evil.example/?error=x');
  });
});

describe('cleanIdpText', () => {
  it('replaces what looks like a code, token or JWT that an IdP quotes', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    expect(cleanIdpText(`Token ${jwt} is expired`)).toBe('Token [redacted] is expired');
    expect(cleanIdpText('Code "SplxlOBeZQQYbYS6WxSbIA_0123456789" was already used')).toBe('Code "[redacted]" was already used');
    expect(cleanIdpText(`refresh token ${'a1B2'.repeat(10)} revoked`)).toBe('refresh token [redacted] revoked');
  });
  it('keeps ordinary words, error codes and URLs', () => {
    expect(cleanIdpText('Client authentication failed (e.g., unknown client, no client authentication included)')).toBe('Client authentication failed (e.g., unknown client, no client authentication included)');
    expect(cleanIdpText('see https://login.example.com/oauth2/default/v1/token')).toBe('see https://login.example.com/oauth2/default/v1/token');
    expect(cleanIdpText('unauthorized_client')).toBe('unauthorized_client');
  });
  it('has nothing for empty or non-text input', () => {
    expect(cleanIdpText('   ')).toBeNull();
    expect(cleanIdpText(undefined)).toBeNull();
  });
});
