import { describe, expect, it } from 'vitest';

import { DEMO_PEOPLE, type DemoPerson } from '../people';
import { createDirectory, InvalidGroupsError, parseGroupList, subjectFor } from './directory';

const samlOnly: DemoPerson = {
  username: 'sam',
  password: 'sam-sandbox',
  name: 'Sam Saml',
  email: 'sam@example.com',
  groups: ['x'],
  idp: 'saml',
  note: 'SAML only',
};

describe('subjectFor', () => {
  it('is stable, opaque and distinct per person', () => {
    expect(subjectFor('alice')).toBe(subjectFor('alice'));
    expect(subjectFor('alice')).not.toBe(subjectFor('adam'));
    expect(subjectFor('alice')).not.toContain('alice');
    expect(subjectFor('alice')).toMatch(/^[A-Za-z0-9_-]{27}$/);
  });
});

describe('parseGroupList', () => {
  it('splits on commas and new lines, trims, drops empties and duplicates', () => {
    expect(parseGroupList(' engineering,\r\neng-oncall\n\n, engineering ,data:readers ')).toEqual([
      'engineering',
      'eng-oncall',
      'data:readers',
    ]);
    expect(parseGroupList('  \n ,')).toEqual([]);
  });

  it('refuses names an IdP would not send', () => {
    expect(() => parseGroupList('ok, not ok')).toThrow(InvalidGroupsError);
    expect(() => parseGroupList('<script>')).toThrow(/not a valid group name/);
    expect(() => parseGroupList('a'.repeat(129))).toThrow(InvalidGroupsError);
  });
});

describe('createDirectory', () => {
  it('knows the OIDC people, not SAML-only ones', () => {
    const dir = createDirectory([...DEMO_PEOPLE, samlOnly]);
    expect(dir.people().map((p) => p.username)).toEqual(DEMO_PEOPLE.filter((p) => p.idp !== 'saml').map((p) => p.username));
    expect(dir.findByUsername('sam')).toBeUndefined();
    expect(dir.findBySub(subjectFor('alice'))?.person.email).toBe('alice@example.com');
  });

  it('authenticates only the right password, the same way for unknown people', () => {
    const dir = createDirectory(DEMO_PEOPLE);
    expect(dir.authenticate('alice', 'alice-sandbox')?.sub).toBe(subjectFor('alice'));
    expect(dir.authenticate('alice', 'adam-sandbox')).toBeUndefined();
    expect(dir.authenticate('alice', '')).toBeUndefined();
    expect(dir.authenticate('nobody', 'alice-sandbox')).toBeUndefined();
    expect(dir.authenticate('nobody', '\u0000no-such-user')).toBeUndefined();
  });

  it('changes groups, hands out copies, and reports the edits', () => {
    const dir = createDirectory(DEMO_PEOPLE);
    expect(dir.setGroups('alice', ['engineering', ' prod-admins ', 'engineering'])).toEqual(['engineering', 'prod-admins']);
    const copy = dir.people()[0];
    copy?.groups.push('mutated');
    expect(dir.findByUsername('alice')?.person.groups).toEqual(['engineering', 'prod-admins']);
    expect(dir.groupOverrides()).toEqual({ alice: ['engineering', 'prod-admins'] });
    expect(() => dir.setGroups('nobody', [])).toThrow(/unknown person/);
    // The shared demo list itself is never touched.
    expect(DEMO_PEOPLE[0]?.groups).toEqual(['engineering', 'eng-oncall']);
  });

  it('applies saved overrides over the defaults and ignores people no longer present', () => {
    const dir = createDirectory(DEMO_PEOPLE, { noah: ['engineering'], ghost: ['x'] });
    expect(dir.findByUsername('noah')?.person.groups).toEqual(['engineering']);
    expect(dir.groupOverrides()).toEqual({ noah: ['engineering'] });
  });
});
