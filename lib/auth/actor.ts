import type { AppRole } from './permissions';

/** The verified person behind a request, as loaded from the server-side session. */
export interface Actor {
  sessionId: string;
  sub: string;
  idpKind: 'OIDC' | 'SAML';
  email: string | null;
  /** Only a verified e-mail may name the person's AWS sessions (else their sub does). */
  emailVerified: boolean;
  name: string | null;
  username: string | null;
  groups: string[];
  roles: AppRole[];
  /** A person revocation of theirs is in force: no issuance, no role but employee. */
  revoked?: boolean;
  idTokenExpiresAt: Date | null;
}

export function displayName(actor: Pick<Actor, 'name' | 'email' | 'username' | 'sub'>): string {
  return actor.name ?? actor.email ?? actor.username ?? actor.sub;
}
