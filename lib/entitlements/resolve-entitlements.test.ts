import { describe, expect, it } from 'vitest';
import { findEntitlement, resolveEntitlements, type MappingForEntitlement } from './resolve-entitlements';

const m = (over: Partial<MappingForEntitlement>): MappingForEntitlement => ({
  id: 'm1',
  idpGroup: 'eng',
  idpKind: 'OIDC',
  roleArn: 'arn:aws:iam::111122223333:role/Dev',
  enabled: true,
  maxDurationSeconds: 3600,
  ...over,
});

describe('resolveEntitlements', () => {
  it('grants only the roles whose group the person has', () => {
    const res = resolveEntitlements({
      groups: ['eng'],
      idpKind: 'OIDC',
      mappings: [m({}), m({ id: 'm2', idpGroup: 'admins', roleArn: 'arn:aws:iam::111122223333:role/Admin' })],
    });
    expect(res.map((e) => e.roleArn)).toEqual(['arn:aws:iam::111122223333:role/Dev']);
  });

  it('ignores disabled mappings and mappings for the other IdP kind', () => {
    const res = resolveEntitlements({
      groups: ['eng'],
      idpKind: 'OIDC',
      mappings: [m({ enabled: false }), m({ id: 'm2', idpKind: 'SAML', roleArn: 'r2' }), m({ id: 'm3', idpKind: 'BOTH', roleArn: 'r3' })],
    });
    expect(res.map((e) => e.roleArn)).toEqual(['r3']);
  });

  it('compares groups exactly after NFC normalisation', () => {
    const mappings = [m({ idpGroup: 'caf\u00e9' })];
    expect(resolveEntitlements({ groups: ['cafe\u0301'], idpKind: 'OIDC', mappings })).toHaveLength(1);
    expect(resolveEntitlements({ groups: ['CAF\u00c9'], idpKind: 'OIDC', mappings })).toHaveLength(0);
    expect(resolveEntitlements({ groups: ['caf'], idpKind: 'OIDC', mappings })).toHaveLength(0);
    // The other way round: a decomposed group in the mapping, the composed one from the IdP.
    const decomposed = [m({ idpGroup: 'cafe\u0301' })];
    expect(resolveEntitlements({ groups: ['caf\u00e9'], idpKind: 'OIDC', mappings: decomposed })).toHaveLength(1);
    expect(resolveEntitlements({ groups: ['cafe\u0301'], idpKind: 'OIDC', mappings: decomposed })).toHaveLength(1);
    expect(resolveEntitlements({ groups: ['cafe'], idpKind: 'OIDC', mappings: decomposed })).toHaveLength(0);
  });

  it('merges two groups granting the same role, keeping the most generous mapping', () => {
    const res = resolveEntitlements({
      groups: ['eng', 'oncall'],
      idpKind: 'OIDC',
      mappings: [m({ id: 'a', maxDurationSeconds: 3600 }), m({ id: 'b', idpGroup: 'oncall', maxDurationSeconds: 7200 })],
    });
    expect(res).toHaveLength(1);
    expect(res[0]?.mapping.id).toBe('b');
    expect(res[0]?.viaGroups).toEqual(['eng', 'oncall']);
  });

  it('finds an entitlement only by a mapping id that applies to the person', () => {
    const ents = resolveEntitlements({ groups: ['eng'], idpKind: 'OIDC', mappings: [m({}), m({ id: 'other', idpGroup: 'admins', roleArn: 'x' })] });
    expect(findEntitlement(ents, 'm1')?.roleArn).toBe('arn:aws:iam::111122223333:role/Dev');
    expect(findEntitlement(ents, 'other')).toBeUndefined();
  });
});
