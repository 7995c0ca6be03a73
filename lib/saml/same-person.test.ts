import { describe, expect, it } from 'vitest';
import { samlMatchTechnical, samlSamePerson } from './same-person';

const actor = { sub: '_transient-1', email: 'Sam@Example.com', username: 'sam' };
const facts = (attributes: Record<string, string[]>, nameId: string | null = '_transient-2') => ({ attributes, nameId });

describe('samlSamePerson', () => {
  it('matches on e-mail by default whatever the NameIDs (transient, or one per SP)', () => {
    expect(samlSamePerson({ actor, facts: facts({ email: ['sam@example.com'] }), attribute: 'email' })).toBe(true);
    expect(samlSamePerson({ actor, facts: facts({ 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': ['sam@example.com'] }), attribute: 'email' })).toBe(true);
    expect(samlSamePerson({ actor, facts: facts({ 'urn:oid:0.9.2342.19200300.100.1.3': ['SAM@example.com'] }), attribute: 'email' })).toBe(true);
  });

  it('refuses another person\'s e-mail', () => {
    expect(samlSamePerson({ actor, facts: facts({ email: ['mallory@example.com'] }), attribute: 'email' })).toBe(false);
  });

  it('refuses an assertion without an e-mail, even when the NameIDs agree', () => {
    expect(samlSamePerson({ actor, facts: facts({}, actor.sub), attribute: 'email' })).toBe(false);
  });

  it('refuses when the sign-in carried no e-mail', () => {
    expect(samlSamePerson({ actor: { ...actor, email: null }, facts: facts({ email: [''] }), attribute: 'email' })).toBe(false);
    expect(samlSamePerson({ actor: { ...actor, email: null }, facts: facts({ email: ['sam@example.com'] }), attribute: 'email' })).toBe(false);
  });

  it('matches usernames exactly when configured, and refuses another case or none', () => {
    expect(samlSamePerson({ actor, facts: facts({ uid: ['sam'] }), attribute: 'username' })).toBe(true);
    expect(samlSamePerson({ actor, facts: facts({ uid: ['Sam'] }), attribute: 'username' })).toBe(false);
    expect(samlSamePerson({ actor, facts: facts({ email: ['sam@example.com'] }), attribute: 'username' })).toBe(false);
  });

  it('compares NameIDs only when configured, and refuses a missing or different one', () => {
    expect(samlSamePerson({ actor, facts: facts({}, '_transient-1'), attribute: 'nameid' })).toBe(true);
    expect(samlSamePerson({ actor, facts: facts({ email: ['sam@example.com'] }), attribute: 'nameid' })).toBe(false);
    expect(samlSamePerson({ actor, facts: facts({}, null), attribute: 'nameid' })).toBe(false);
  });

  it('says in the log which side lacked the value, never the values', () => {
    expect(samlMatchTechnical({ actor, facts: facts({}), attribute: 'email' })).toBe('the issuance assertion carries no email attribute');
    expect(samlMatchTechnical({ actor, facts: facts({ email: ['mallory@example.com'] }), attribute: 'email' })).not.toContain('mallory');
  });
});
