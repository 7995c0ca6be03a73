import { describe, expect, it } from 'vitest';
import { buildSessionTags, checkSourceIdentity, sessionTagClaim, sessionTagProblem, type TagSource } from './session-tags';

const alice: TagSource = {
  person: 'alice@example.com',
  verifiedEmail: 'alice@example.com',
  mappingId: '6f1c2a8e-1111-4222-8333-944455556666',
  name: 'Alice Example',
  username: 'alice',
  groups: ['eng', 'dev-readers'],
  idpKind: 'OIDC',
};

describe('buildSessionTags', () => {
  it('tags the person, the e-mail and the mapping, all transitive', () => {
    const tags = buildSessionTags(alice, []);
    expect(tags).toEqual({ person: 'alice@example.com', email: 'alice@example.com', 'keyport-mapping': alice.mappingId });
    expect(sessionTagClaim(tags)).toEqual({
      principal_tags: { person: ['alice@example.com'], email: ['alice@example.com'], 'keyport-mapping': [alice.mappingId] },
      transitive_tag_keys: ['person', 'email', 'keyport-mapping'],
    });
  });

  it('adds the attributes the admin chose', () => {
    expect(buildSessionTags(alice, ['groups', 'name', 'idp'])).toMatchObject({ 'idp-groups': 'dev-readers:eng', 'idp-name': 'Alice Example', 'idp-idp': 'OIDC' });
  });

  it('leaves out an unverified e-mail and attributes the person lacks', () => {
    const tags = buildSessionTags({ ...alice, verifiedEmail: null, name: null }, ['name']);
    expect(tags).not.toHaveProperty('email');
    expect(tags).not.toHaveProperty('idp-name');
  });

  it('refuses an attribute value AWS would refuse (too long)', () => {
    expect(() => buildSessionTags({ ...alice, groups: Array.from({ length: 60 }, (_, i) => `group-number-${i}`) }, ['groups'])).toThrow(/longer than 256/);
  });

  it('refuses an attribute value with characters AWS does not allow', () => {
    expect(() => buildSessionTags({ ...alice, name: 'Alice <script>' }, ['name'])).toThrow(/characters AWS does not allow/);
  });
});

describe('sessionTagProblem', () => {
  it('accepts AWS-valid tags', () => {
    expect(sessionTagProblem({ a: 'b', 'x:y/z=+-@._': 'Ünïcode ok' })).toBeNull();
  });
  it('refuses more than 50 tags', () => {
    expect(sessionTagProblem(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])))).toMatch(/more than AWS's 50/);
  });
  it('refuses a key over 128 characters', () => {
    expect(sessionTagProblem({ ['k'.repeat(129)]: 'v' })).toMatch(/longer than 128/);
  });
  it('refuses a value over 256 characters', () => {
    expect(sessionTagProblem({ k: 'v'.repeat(257) })).toMatch(/longer than 256/);
  });
  it('refuses the aws: prefix', () => {
    expect(sessionTagProblem({ 'aws:PrincipalTag': 'v' })).toMatch(/reserved/);
  });
  it('refuses keys equal but for case', () => {
    expect(sessionTagProblem({ Team: 'a', team: 'b' })).toMatch(/twice/);
  });
  it('refuses a key with a disallowed character', () => {
    expect(sessionTagProblem({ 'a,b': 'v' })).toMatch(/characters/);
  });
});

describe('checkSourceIdentity', () => {
  it('accepts a RoleSessionName-shaped value', () => {
    expect(checkSourceIdentity('alice@example.com')).toBe('alice@example.com');
  });
  it('refuses one character, spaces, over 64 and aws:', () => {
    expect(() => checkSourceIdentity('a')).toThrow();
    expect(() => checkSourceIdentity('a b')).toThrow();
    expect(() => checkSourceIdentity('a'.repeat(65))).toThrow();
    expect(() => checkSourceIdentity('aws:x')).toThrow();
  });
});
