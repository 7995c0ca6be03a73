// Pure: the security headers of every response. The CSP needs no 'unsafe-inline' script: Next.js
// scripts carry the per-request nonce, and 'strict-dynamic' lets them load their chunks.
export function contentSecurityPolicy(opts: { nonce: string; dev: boolean; formActions: string[] }): string {
  const scriptSrc = ["'self'", `'nonce-${opts.nonce}'`, "'strict-dynamic'", ...(opts.dev ? ["'unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${scriptSrc.join(' ')}`,
    `style-src 'self' 'nonce-${opts.nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self' ${opts.formActions.join(' ')}`.trim(),
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(opts: { nonce: string; dev: boolean; https: boolean; formActions: string[] }): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(opts),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  };
  if (opts.https) headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains';
  return headers;
}

/** A request id from upstream is kept only when it is a short safe token; otherwise a new one. */
export function acceptRequestId(value: string | null, fresh: () => string): string {
  return value && /^[A-Za-z0-9._:-]{8,128}$/.test(value) ? value : fresh();
}
