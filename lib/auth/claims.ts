// Pure: reads the identity Keyport needs from verified ID-token claims.
export interface IdentityClaims {
  sub: string;
  email: string | null;
  /** The IdP said the e-mail is verified (`email_verified: true`, OIDC Core §5.1). */
  emailVerified: boolean;
  name: string | null;
  username: string | null;
  groups: string[];
  expiresAt: Date | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/**
 * Groups come from a configurable claim. IdPs send an array of strings (Okta, Keycloak, Entra
 * with group names) or, rarely, one string; anything else is ignored rather than guessed at.
 * Values are NFC-normalised so that visually identical group names compare equal.
 */
export function groupsFromClaim(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const out = new Set<string>();
  for (const v of raw) if (typeof v === 'string' && v.trim() !== '') out.add(v.normalize('NFC'));
  return [...out];
}

export function identityFromClaims(claims: Record<string, unknown>, groupsClaim: string): IdentityClaims {
  const sub = str(claims.sub);
  if (!sub) throw new Error('the ID token has no sub claim');
  const exp = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null;
  return {
    sub,
    // An address the IdP says it has not verified must not name the person (it feeds the
    // RoleSessionName and the audit); IdPs that omit email_verified are trusted as configured.
    email: claims.email_verified === false ? null : str(claims.email),
    // Some IdPs send the boolean as a string.
    emailVerified: str(claims.email) !== null && (claims.email_verified === true || claims.email_verified === 'true'),
    name: str(claims.name),
    username: str(claims.preferred_username),
    groups: groupsFromClaim(claims[groupsClaim]),
    expiresAt: exp,
  };
}
