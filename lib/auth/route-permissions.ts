// Which permission guards every page, route handler (per method) and server action of app/.
// The code enforces it (requirePageActor / withAuth name the same pair); this registry is what
// tests walk: route-permissions.test.ts fails for a page or route that has no entry here (or whose
// code names another permission), and e2e/admin/forbidden.spec.ts requests every entry an employee
// or an auditor is not granted and expects 403. 'public' = no sign-in needed; 'metrics-token' = no
// sign-in, but the handler asks for the bearer token METRICS_TOKEN (bearerTokenMatches).
import type { Permission } from './permissions';

export type AccessRule = Permission | 'public' | 'metrics-token';
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Page paths as the App Router spells them (`[param]` segments, route groups removed). */
export const PAGE_ACCESS: Record<string, AccessRule> = {
  '/': ['catalog', 'read'],
  '/signin': 'public',
  '/roles/[mappingId]': ['credentials', 'issue'],
  '/admin/mappings': ['mappings', 'read'],
  '/admin/mappings/new': ['mappings', 'create'],
  '/admin/mappings/[id]': ['mappings', 'read'],
  '/admin/mappings/preview': ['mappings', 'read'],
  '/admin/mappings/import': ['mappings', 'import'],
  '/audit': ['audit', 'read'],
  '/audit/events/[id]': ['audit', 'read'],
  '/revocations': ['revocations', 'read'],
  '/people': ['audit', 'read'],
  '/history': ['own-history', 'read'],
  '/decode': ['authz-messages', 'decode'],
  '/devices': ['catalog', 'read'],
  '/cli/authorize': ['catalog', 'read'],
  '/cli/device': ['catalog', 'read'],
};

export const ROUTE_ACCESS: Record<string, Partial<Record<HttpMethod, AccessRule>>> = {
  '/api/auth/[...nextauth]': { GET: 'public', POST: 'public' },
  '/api/health': { GET: 'public' },
  '/api/ready': { GET: 'public' },
  '/api/metrics': { GET: 'metrics-token' },
  // Keyport's broker issuer: AWS STS fetches these anonymously (they hold public keys only).
  '/oidc/.well-known/openid-configuration': { GET: 'public' },
  '/oidc/jwks': { GET: 'public' },
  '/saml-idp/metadata': { GET: 'public' },
  '/api/roles': { GET: ['catalog', 'read'] },
  '/api/credentials': { POST: ['credentials', 'issue'] },
  '/api/console': { POST: ['credentials', 'issue'] },
  '/api/choices': { PUT: ['credentials', 'issue'] },
  // Ending one's own session needs no permission; it only ever ends the caller's session.
  '/api/signout': { POST: 'public' },
  // Choosing a language needs no sign-in (the sign-in page has the switcher too).
  '/api/locale': { POST: 'public' },
  '/api/saml/acs': { POST: 'public' },
  '/api/saml/login': { GET: 'public' },
  '/api/saml/complete': { GET: 'public' },
  '/api/saml/metadata': { GET: 'public' },
  '/api/saml/issue': { POST: ['credentials', 'issue'] },
  '/api/saml/result': { POST: ['credentials', 'issue'] },
  '/api/admin/mappings': { GET: ['mappings', 'read'], POST: ['mappings', 'create'] },
  '/api/admin/mappings/[id]': { GET: ['mappings', 'read'], PUT: ['mappings', 'update'], PATCH: ['mappings', 'update'], DELETE: ['mappings', 'delete'] },
  '/api/admin/mappings/[id]/test': { POST: ['mappings', 'update'] },
  '/api/admin/mappings/preview': { POST: ['mappings', 'read'] },
  '/api/admin/mappings/impact': { POST: ['mappings', 'read'] },
  '/api/admin/mappings/export': { GET: ['mappings', 'export'] },
  '/api/admin/mappings/import': { POST: ['mappings', 'import'] },
  '/api/audit/events': { GET: ['audit', 'read'] },
  '/api/audit/export': { GET: ['audit', 'export'] },
  '/api/audit/verify': { POST: ['audit', 'verify'] },
  '/api/revocations': { GET: ['revocations', 'read'], POST: ['revocations', 'create'] },
  '/api/revocations/[id]/lift': { POST: ['revocations', 'lift'] },
  '/api/decode': { POST: ['authz-messages', 'decode'] },
  // The keyport CLI's OAuth endpoints: anonymous by nature (the code, device code or refresh token
  // is the proof), limited per source address.
  '/api/cli/token': { POST: 'public' },
  '/api/cli/device': { POST: 'public' },
  // The approval pages' answers (browser: session cookie and Origin check).
  '/api/cli/authorize': { POST: ['catalog', 'read'] },
  '/api/cli/device/lookup': { POST: ['catalog', 'read'] },
  '/api/cli/device/decision': { POST: ['catalog', 'read'] },
  '/api/cli/devices/[id]': { DELETE: ['catalog', 'read'] },
  // CLI only (bearer token).
  '/api/cli/whoami': { GET: ['catalog', 'read'] },
  '/api/cli/logout': { POST: ['catalog', 'read'] },
  '/api/cli/roles': { GET: ['catalog', 'read'] },
  '/api/cli/credentials': { POST: ['credentials', 'issue'] },
  '/api/cli/saml/start': { POST: ['credentials', 'issue'] },
  '/api/openapi.json': { GET: 'public' },
};

/** Server actions, as `<file under app/>#<export>`. */
export const ACTION_ACCESS: Record<string, AccessRule> = {};
