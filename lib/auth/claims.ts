// Pure: reads the identity Keyport needs from verified ID-token claims, in the shapes real IdPs
// send them (tests beside this file hold a realistic token of each):
//   - groups as an array (Okta, Keycloak, Entra ID, Auth0) or a single string (Glewlwyd, some
//     ADFS rules, a one-group person);
//   - under a configurable claim name (OIDC_GROUPS_CLAIM): Auth0 requires custom claims to be
//     namespaced (`https://example.com/groups`), Okta's claim is named by the admin, Cognito
//     sends `cognito:groups`;
//   - Keycloak's full group paths (`/eng/oncall`, its "Full group path" mapper default), matched
//     as configured (IDP_GROUP_PATHS): exactly, or with the path stripped to the last segment;
//   - Entra ID's groups overage: past 200 groups (150 in SAML) the token carries no groups claim
//     but `_claim_names.groups` pointing into `_claim_sources` (OpenID Connect Core 1.0, 5.6.2
//     distributed claims), or `hasgroups: true` in implicit-flow tokens. Keyport does not guess
//     groups then; the sign-in is refused with what the admins can change.
import { inEnglish, type Explanation } from '@/lib/i18n/explanation';
export interface IdentityClaims {
  sub: string;
  email: string | null;
  /** The IdP said the e-mail is verified (`email_verified: true`, OIDC Core §5.1). */
  emailVerified: boolean;
  name: string | null;
  username: string | null;
  groups: string[];
  expiresAt: Date | null;
  /** Entra ID left the groups out (overage): `groups` is empty because the IdP did not send them. */
  groupsOverage: boolean;
}

export type GroupPaths = 'exact' | 'strip';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** `/eng/oncall` → `oncall` when paths are stripped; names without a leading slash are kept. */
function groupName(value: string, paths: GroupPaths): string | null {
  if (paths === 'exact' || !value.startsWith('/')) return value;
  const last = value.split('/').filter((s) => s !== '').pop();
  return last ?? null;
}

/**
 * Groups come from a configurable claim. IdPs send an array of strings or one string; anything
 * else is ignored rather than guessed at. Values are NFC-normalised so that visually identical
 * group names compare equal.
 */
export function groupsFromClaim(value: unknown, paths: GroupPaths = 'exact'): string[] {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const out = new Set<string>();
  for (const v of raw) {
    if (typeof v !== 'string' || v.trim() === '') continue;
    const name = groupName(v.normalize('NFC'), paths);
    if (name) out.add(name);
  }
  return [...out];
}

/** Entra ID's groups overage: the groups claim replaced by a distributed-claim reference or `hasgroups`. */
export function groupsOverage(claims: Record<string, unknown>, groupsClaim: string): boolean {
  if (claims[groupsClaim] !== undefined) return false;
  const names = claims['_claim_names'];
  if (names !== null && typeof names === 'object' && (groupsClaim in names || 'groups' in names)) return true;
  return claims['hasgroups'] === true || claims['hasgroups'] === 'true';
}

export const GROUPS_OVERAGE_EXPLANATION: Explanation = { key: 'auth.groupsOverage' };
export const GROUPS_OVERAGE_MESSAGE = inEnglish(GROUPS_OVERAGE_EXPLANATION);

export function identityFromClaims(claims: Record<string, unknown>, groupsClaim: string, opts: { groupPaths?: GroupPaths } = {}): IdentityClaims {
  const sub = str(claims.sub);
  if (!sub) throw new Error('the ID token has no sub claim');
  const exp = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null;
  return {
    sub,
    // An address the IdP says it has not verified must not name the person (it feeds the
    // audit); IdPs that omit email_verified keep the address for display and the audit, but only a
    // verified one names the person's AWS sessions (emailVerified, derive-role-session-name.ts).
    email: claims.email_verified === false || claims.email_verified === 'false' ? null : str(claims.email),
    // Some IdPs send the boolean as a string.
    emailVerified: str(claims.email) !== null && (claims.email_verified === true || claims.email_verified === 'true'),
    name: str(claims.name),
    username: str(claims.preferred_username),
    groups: groupsFromClaim(claims[groupsClaim], opts.groupPaths ?? 'exact'),
    expiresAt: exp,
    groupsOverage: groupsOverage(claims, groupsClaim),
  };
}
