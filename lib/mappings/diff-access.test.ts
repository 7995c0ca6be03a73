import { describe, expect, it } from 'vitest';
import { diffAccess, type SeenPerson } from './diff-access';

const DEV = 'arn:aws:iam::111122223333:role/Dev';
const PROD = 'arn:aws:iam::444455556666:role/Prod';
const m = (id: string, idpGroup: string, roleArn: string, over: Partial<{ enabled: boolean; idpKind: 'OIDC' | 'SAML' | 'BOTH' }> = {}) => ({
  id,
  idpGroup,
  roleArn,
  enabled: over.enabled ?? true,
  idpKind: over.idpKind ?? ('OIDC' as const),
  maxDurationSeconds: 3600,
});
const person = (email: string, groups: string[], idpKind: 'OIDC' | 'SAML' = 'OIDC'): SeenPerson => ({ sub: email, email, name: null, groups, idpKind, lastSeenAt: '2026-11-01T00:00:00.000Z' });

describe('diffAccess', () => {
  const before = [m('1', 'eng', DEV), m('2', 'oncall', PROD)];
  const people = [person('a@x', ['eng']), person('b@x', ['eng', 'oncall']), person('c@x', ['sales'])];

  it('names the group and the people a new mapping gives a role to', () => {
    const d = diffAccess({ before, after: [...before, m('3', 'eng', PROD)], people });
    expect(d.groups).toEqual([{ group: 'eng', added: [PROD], removed: [] }]);
    // b already has PROD through on-call: only a gains it.
    expect(d.people.map((p) => [p.email, p.added, p.removed])).toEqual([['a@x', [PROD], []]]);
  });

  it('names who loses a role when a mapping is disabled or deleted', () => {
    const disabled = diffAccess({ before, after: [m('1', 'eng', DEV), m('2', 'oncall', PROD, { enabled: false })], people });
    expect(disabled.groups).toEqual([{ group: 'oncall', added: [], removed: [PROD] }]);
    expect(disabled.people.map((p) => p.email)).toEqual(['b@x']);
    expect(diffAccess({ before, after: [m('2', 'oncall', PROD)], people }).people.map((p) => [p.email, p.removed])).toEqual([
      ['a@x', [DEV]],
      ['b@x', [DEV]],
    ]);
  });

  it('reports nothing for changes that do not change who gets which role, and respects the IdP kind', () => {
    expect(diffAccess({ before, after: before.map((x) => ({ ...x, maxDurationSeconds: 7200 })), people })).toEqual({ groups: [], people: [] });
    const saml = diffAccess({ before, after: [...before, m('3', 'sales', DEV, { idpKind: 'SAML' })], people: [person('c@x', ['sales']), person('d@x', ['sales'], 'SAML')] });
    expect(saml.people.map((p) => p.email)).toEqual(['d@x']);
  });

  it('compares groups after NFC normalisation', () => {
    const d = diffAccess({ before: [], after: [m('1', 'e\u0301quipe', DEV)], people: [person('e@x', ['\u00e9quipe'])] });
    expect(d.groups).toEqual([{ group: '\u00e9quipe', added: [DEV], removed: [] }]);
    expect(d.people).toHaveLength(1);
  });
});
