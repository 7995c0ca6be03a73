import { describe, expect, it } from 'vitest';
import type { SeenPerson } from './diff-access';
import { whoCanAssume } from './who-can-assume';

const R = 'arn:aws:iam::111122223333:role/R';
const OTHER = 'arn:aws:iam::111122223333:role/Other';
const m = (id: string, idpGroup: string, o: Partial<{ roleArn: string; idpKind: 'OIDC' | 'SAML' | 'BOTH'; enabled: boolean }> = {}) => ({
  id, idpGroup, roleArn: o.roleArn ?? R, idpKind: o.idpKind ?? 'OIDC', enabled: o.enabled ?? true, maxDurationSeconds: 3600,
});
const p = (sub: string, groups: string[], idpKind: 'OIDC' | 'SAML' = 'OIDC', lastSeenAt = '2026-12-01T10:00:00.000Z'): SeenPerson => ({ sub, email: `${sub}@example.com`, name: sub, groups, idpKind, lastSeenAt });

describe('whoCanAssume', () => {
  const mappings = [m('1', 'eng'), m('2', 'oncall', { idpKind: 'SAML' }), m('3', 'old', { enabled: false }), m('4', 'eng', { roleArn: OTHER })];

  it('lists the groups that map to the role, disabled ones included (marked)', () => {
    const r = whoCanAssume({ roleArn: R, mappings, people: [] });
    expect(r.groups).toEqual([
      { mappingId: '1', group: 'eng', idpKind: 'OIDC', enabled: true },
      { mappingId: '3', group: 'old', idpKind: 'OIDC', enabled: false },
      { mappingId: '2', group: 'oncall', idpKind: 'SAML', enabled: true },
    ]);
  });

  it('lists the people whose groups grant it as issuance would: enabled, the right IdP kind, NFC', () => {
    const people = [
      p('alice', ['eng'], 'OIDC', '2026-12-01T09:00:00.000Z'),
      p('bob', ['oncall'], 'OIDC'), // SAML-only mapping: not via OIDC
      p('sam', ['oncall'], 'SAML', '2026-12-01T11:00:00.000Z'),
      p('olga', ['old']), // disabled
      p('noah', []),
    ];
    const r = whoCanAssume({ roleArn: R, mappings, people });
    expect(r.people.map((x) => [x.sub, x.viaGroups])).toEqual([
      ['sam', ['oncall']],
      ['alice', ['eng']],
    ]);
    const nfc = whoCanAssume({ roleArn: R, mappings: [m('5', 'caf\u00e9')], people: [p('zoe', ['cafe\u0301'])] });
    expect(nfc.people.map((x) => x.sub)).toEqual(['zoe']);
  });

  it('is empty for a role no mapping names', () => {
    expect(whoCanAssume({ roleArn: 'arn:aws:iam::111122223333:role/None', mappings, people: [p('alice', ['eng'])] })).toEqual({ roleArn: 'arn:aws:iam::111122223333:role/None', groups: [], people: [] });
  });
});
