// Pure: who a validated SAML sign-in assertion names — NameID as the subject, the groups from the
// configured attribute (every value in full), and the usual e-mail / name / username attributes.
import { groupsFromClaim, type GroupPaths } from '../auth/claims';
import type { AssertionFacts } from './read-assertion';

const EMAIL = ['email', 'mail', 'urn:oid:0.9.2342.19200300.100.1.3', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'];
const NAME = ['name', 'displayName', 'urn:oid:2.16.840.1.113730.3.1.241', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name'];
const USERNAME = ['username', 'uid', 'urn:oid:0.9.2342.19200300.100.1.1'];

export interface SamlIdentity {
  sub: string;
  email: string | null;
  /** A directory attribute in the IdP's signed assertion: vouched for by the IdP. */
  emailVerified: boolean;
  name: string | null;
  username: string | null;
  groups: string[];
}

function first(attrs: Record<string, string[]>, names: readonly string[]): string | null {
  for (const n of names) {
    const v = attrs[n]?.find((x) => x.length > 0);
    if (v) return v;
  }
  return null;
}

/** The e-mail address or username an assertion carries, under any of the usual attribute names. */
export function samlAttributeValue(facts: Pick<AssertionFacts, 'attributes'>, which: 'email' | 'username'): string | null {
  return first(facts.attributes, which === 'email' ? EMAIL : USERNAME);
}

export function samlIdentity(facts: AssertionFacts, groupsAttribute: string, groupPaths: GroupPaths = 'exact'): SamlIdentity {
  if (!facts.nameId) throw new Error('assertion has no NameID');
  const groups = groupsFromClaim((facts.attributes[groupsAttribute] ?? []).filter((g) => g.length > 0 && g.length <= 256), groupPaths);
  const email = first(facts.attributes, EMAIL);
  return {
    sub: facts.nameId,
    email,
    emailVerified: email !== null,
    name: first(facts.attributes, NAME),
    username: first(facts.attributes, USERNAME),
    groups,
  };
}
