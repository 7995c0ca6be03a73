// Runs before every page request: a per-request CSP nonce, the security headers and a request id.
// It never decides access — every page, route handler and server action checks that itself.
import { NextResponse, type NextRequest } from 'next/server';
import { getConfig } from '@/lib/config';
import { acceptRequestId, securityHeaders } from '@/lib/http/security-headers';

export function proxy(request: NextRequest): NextResponse {
  const cfg = getConfig();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const requestId = acceptRequestId(request.headers.get('x-request-id'), () => crypto.randomUUID());
  const headers = securityHeaders({
    nonce,
    dev: process.env.NODE_ENV === 'development',
    https: cfg.secureCookies || request.headers.get('x-forwarded-proto') === 'https',
    formActions: cfg.oidcEnabled ? [new URL(cfg.oidc.issuer).origin] : [],
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('x-request-id', requestId);
  // Next.js reads the nonce for its own scripts from the request-side CSP header.
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy'] ?? '');
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  response.headers.set('x-request-id', requestId);
  return response;
}

// The JSON and download APIs (JSON_API_PATHS in next.config.js) skip this proxy: they render no
// HTML, so a nonce is of no use to them, and it cost ≈ 1.4 ms of CPU on every issuance
// (bench/FINDINGS.md). They get a static deny-all CSP from next.config.js, and withAuth validates
// their request id. Everything else — pages, sign-in flows, unknown paths — comes through here.
export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico|api/(?:credentials|choices|roles|audit|admin|revocations|health|ready|metrics)(?:/|$)).*)' }],
};
