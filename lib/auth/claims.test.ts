import { describe, expect, it } from 'vitest';
import { GROUPS_OVERAGE_MESSAGE, groupsFromClaim, identityFromClaims } from './claims';

describe('claims', () => {
  it('reads groups from an array, a single string, and ignores other shapes', () => {
    expect(groupsFromClaim(['a', 'b', 'a', '', 7])).toEqual(['a', 'b']);
    expect(groupsFromClaim('solo')).toEqual(['solo']);
    expect(groupsFromClaim({ a: 1 })).toEqual([]);
    expect(groupsFromClaim(undefined)).toEqual([]);
  });

  it('NFC-normalises group names', () => {
    const decomposed = 'Cafe\u0301';
    expect(groupsFromClaim([decomposed])).toEqual(['Caf\u00e9']);
  });

  it('uses the configured claim name and requires sub', () => {
    const id = identityFromClaims({ sub: 's1', email: 'a@x', 'cognito:groups': ['g'], exp: 1_700_000_000 }, 'cognito:groups');
    expect(id).toMatchObject({ sub: 's1', email: 'a@x', groups: ['g'], username: null });
    expect(id.expiresAt?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(() => identityFromClaims({ email: 'a@x' }, 'groups')).toThrow(/sub/);
  });
});

describe('unverified email', () => {
  it('is not used to name the person', () => {
    expect(identityFromClaims({ sub: 's', email: 'x@y', email_verified: false }, 'groups').email).toBeNull();
    expect(identityFromClaims({ sub: 's', email: 'x@y', email_verified: true }, 'groups').email).toBe('x@y');
  });
});

// Realistic ID-token payloads, one per IdP shape (values as those IdPs document and send them).
const keycloak = {
  exp: 1_764_600_000, iat: 1_764_599_700, auth_time: 1_764_599_690, jti: 'f3c1…', iss: 'https://sso.example.com/realms/corp', aud: 'keyport',
  sub: '5b1f6f0e-8a1d-4d59-9a1e-0c2a1f6f9b11', typ: 'ID', azp: 'keyport', nonce: 'n-0S6_WzA2Mj', session_state: '7c2e…', at_hash: 'x', acr: '1', sid: '7c2e…',
  email_verified: true, name: 'Erin Example', preferred_username: 'erin', given_name: 'Erin', family_name: 'Example', email: 'erin@example.com',
  groups: ['/eng', '/eng/oncall', '/platform/admins'],
};
const entraOverage = {
  aud: '6e74172b-be56-4843-9ff4-e66a39bb12e3', iss: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0', iat: 1_764_599_700, nbf: 1_764_599_700, exp: 1_764_603_600,
  _claim_names: { groups: 'src1' },
  _claim_sources: { src1: { endpoint: 'https://graph.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/users/00000000-0000-0000-0000-000000000000/getMemberObjects' } },
  name: 'Dana Example', oid: '00000000-0000-0000-0000-000000000000', preferred_username: 'dana@example.com', sub: 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ', tid: '72f988bf-86f1-41af-91ab-2d7cd011db47', ver: '2.0',
};
const entraImplicit = { ...entraOverage, _claim_names: undefined, _claim_sources: undefined, hasgroups: true };
const entraWithGroups = { ...entraOverage, _claim_names: undefined, _claim_sources: undefined, groups: ['8e0f3c3a-0b1b-4b1e-9b1a-1f2e3d4c5b6a', 'c0ffee00-0000-4000-8000-000000000001'] };
const auth0 = {
  'https://keyport.example.com/groups': ['engineering', 'oncall'], nickname: 'alice', name: 'alice@example.com', picture: 'https://s.gravatar.com/avatar/x.png', updated_at: '2026-12-01T10:00:00.000Z',
  email: 'alice@example.com', email_verified: true, iss: 'https://example.eu.auth0.com/', aud: 'keyport-client-id', iat: 1_764_599_700, exp: 1_764_635_700, sub: 'auth0|6566f1b2c3d4e5f6a7b8c9d0', sid: 'x', nonce: 'n',
};
const okta = {
  sub: '00u1a2b3c4D5e6F7g8h9', name: 'Noah Example', email: 'noah@example.com', ver: 1, iss: 'https://example.okta.com/oauth2/default', aud: '0oa1a2b3c4D5e6F7g8h9', iat: 1_764_599_700, exp: 1_764_603_300,
  jti: 'ID.x', amr: ['pwd'], idp: '00o1', nonce: 'n', preferred_username: 'noah@example.com', auth_time: 1_764_599_690, at_hash: 'x', keyportGroups: ['Everyone', 'aws-dev'],
};
const glewlwyd = { iss: 'http://127.0.0.1:4593/api/oidc', aud: 'keyport', sub: 'k2i2g7nqxz', exp: 1_764_603_300, iat: 1_764_599_700, name: 'Sam Example', email: 'sam@example.com', groups: 'aws-dev', nonce: 'n' };
const google = {
  iss: 'https://accounts.google.com', azp: '1234.apps.googleusercontent.com', aud: '1234.apps.googleusercontent.com', sub: '110169484474386276334', hd: 'example.com',
  email: 'rita@example.com', email_verified: true, at_hash: 'x', nonce: 'n', name: 'Rita Example', iat: 1_764_599_700, exp: 1_764_603_300,
};

describe('groups in the shapes real IdPs send', () => {
  it('Keycloak full group paths: matched exactly by default', () => {
    expect(identityFromClaims(keycloak, 'groups').groups).toEqual(['/eng', '/eng/oncall', '/platform/admins']);
  });

  it('Keycloak full group paths: stripped to the last segment when configured', () => {
    expect(identityFromClaims(keycloak, 'groups', { groupPaths: 'strip' }).groups).toEqual(['eng', 'oncall', 'admins']);
    // A name without a leading slash is no path and is kept; an empty path yields nothing.
    expect(groupsFromClaim(['plain', '/', '//', '/a//b/'], 'strip')).toEqual(['plain', 'b']);
  });

  it('a path is never matched by its last segment unless stripping is configured', () => {
    expect(identityFromClaims(keycloak, 'groups').groups).not.toContain('oncall');
  });

  it('Entra ID groups overage (_claim_names) is recognised, with no groups guessed', () => {
    const id = identityFromClaims(entraOverage, 'groups');
    expect(id.groupsOverage).toBe(true);
    expect(id.groups).toEqual([]);
    expect(GROUPS_OVERAGE_MESSAGE).toMatch(/assign the groups that matter to the Keyport application/);
    expect(GROUPS_OVERAGE_MESSAGE).toMatch(/group filter/);
  });

  it('Entra ID implicit-flow overage (hasgroups) is recognised', () => {
    expect(identityFromClaims(entraImplicit, 'groups').groupsOverage).toBe(true);
  });

  it('Entra ID with its groups (object ids) is no overage', () => {
    const id = identityFromClaims(entraWithGroups, 'groups');
    expect(id.groupsOverage).toBe(false);
    expect(id.groups).toEqual(['8e0f3c3a-0b1b-4b1e-9b1a-1f2e3d4c5b6a', 'c0ffee00-0000-4000-8000-000000000001']);
  });

  it('Auth0 namespaced claim: read under its full name, not under "groups"', () => {
    expect(identityFromClaims(auth0, 'https://keyport.example.com/groups').groups).toEqual(['engineering', 'oncall']);
    expect(identityFromClaims(auth0, 'groups').groups).toEqual([]);
  });

  it('Okta claim with an admin-chosen name', () => {
    expect(identityFromClaims(okta, 'keyportGroups').groups).toEqual(['Everyone', 'aws-dev']);
    expect(identityFromClaims(okta, 'groups').groups).toEqual([]);
  });

  it('Glewlwyd single-string groups', () => {
    expect(identityFromClaims(glewlwyd, 'groups').groups).toEqual(['aws-dev']);
  });

  it('Google Workspace sends no groups claim at all, and that is no overage', () => {
    const id = identityFromClaims(google, 'groups');
    expect(id.groups).toEqual([]);
    expect(id.groupsOverage).toBe(false);
  });

  it('a string "false" email_verified (Cognito) does not name the person', () => {
    expect(identityFromClaims({ sub: 's', email: 'x@y', email_verified: 'false' }, 'groups').email).toBeNull();
  });
});
