// Pure: does an issuance assertion name the person signed in to Keyport? Compared on a
// configurable attribute (SAML_MATCH_ATTRIBUTE), e-mail by default, not on the NameID: IdPs make
// NameIDs transient (a new value each time: SimpleSAMLphp's and ADFS's defaults, SAML Core 8.3.8)
// or pairwise (a different value for each service provider: Keyport's sign-in app and the AWS app
// are two SPs), so the NameIDs of the two assertions need not be equal for the same person.
// Both sides must carry the value; a missing one never matches. E-mail addresses compare
// case-insensitively (IdPs differ in the case they send); usernames and NameIDs exactly.
import type { Actor } from '@/lib/auth/actor';
import type { AssertionFacts } from './read-assertion';
import { samlAttributeValue } from './saml-identity';

export type SamlMatchAttribute = 'email' | 'username' | 'nameid';

export function samlSamePerson(opts: { actor: Pick<Actor, 'sub' | 'email' | 'username'>; facts: Pick<AssertionFacts, 'attributes' | 'nameId'>; attribute: SamlMatchAttribute }): boolean {
  const { actor, facts } = opts;
  if (opts.attribute === 'nameid') return Boolean(facts.nameId) && facts.nameId === actor.sub;
  const mine = opts.attribute === 'email' ? actor.email : actor.username;
  const theirs = samlAttributeValue(facts, opts.attribute);
  if (!mine || !theirs) return false;
  return opts.attribute === 'email' ? mine.toLowerCase() === theirs.toLowerCase() : mine === theirs;
}

/** What the log records about the comparison: which attribute, and whether each side had one. */
export function samlMatchTechnical(opts: { actor: Pick<Actor, 'email' | 'username'>; facts: Pick<AssertionFacts, 'attributes'>; attribute: SamlMatchAttribute }): string {
  if (opts.attribute === 'nameid') return 'NameID differs from the sign-in NameID';
  const mine = opts.attribute === 'email' ? opts.actor.email : opts.actor.username;
  const theirs = samlAttributeValue(opts.facts, opts.attribute);
  if (!mine) return `the sign-in carried no ${opts.attribute}`;
  if (!theirs) return `the issuance assertion carries no ${opts.attribute} attribute`;
  return `the ${opts.attribute} differs from the sign-in's`;
}
