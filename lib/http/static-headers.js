// @ts-check
// Pure: the static security headers. next.config.js sends them (its headers()) on every response
// Next.js serves; the routes Keyport's server entry serves directly (lib/http/direct-routes.ts)
// send the same from here. One list, so the two paths cannot drift.

/** Every response. */
export const SECURITY_HEADERS = /** @type {const} */ ([
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
]);

/**
 * The JSON and download APIs render no HTML: a deny-all CSP instead of proxy.ts's per-request one
 * (the proxy's matcher skips the same areas).
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The first path segments under /api/ that get API_CSP. */
export const API_CSP_AREAS = /** @type {const} */ (['credentials', 'choices', 'roles', 'audit', 'admin', 'revocations', 'health', 'ready', 'metrics']);
