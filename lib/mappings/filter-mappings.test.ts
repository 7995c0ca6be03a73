import { describe, expect, it } from 'vitest';
import { filterMappings, parseMappingListFilters, type FilterableMapping } from './filter-mappings';

const m = (o: Partial<FilterableMapping>): FilterableMapping => ({
  idpGroup: 'eng', idpKind: 'oidc', roleArn: 'arn:aws:iam::111122223333:role/DevReadOnly', roleLabel: 'Dev read-only', accountId: '111122223333', accountLabel: 'sandbox-dev', description: '', enabled: true, ...o,
});
const list = [
  m({}),
  m({ idpGroup: 'oncall', roleArn: 'arn:aws:iam::444455556666:role/ProdReadOnly', roleLabel: 'Prod read-only', accountId: '444455556666', accountLabel: 'sandbox-prod', idpKind: 'both' }),
  m({ idpGroup: 'saml-devs', idpKind: 'saml', enabled: false, description: 'Legacy SAML access' }),
];

describe('mapping list filters', () => {
  it('reads the URL and reports values it does not know', () => {
    expect(parseMappingListFilters({ q: ' prod ', account: '444455556666', kind: 'saml', status: 'disabled' })).toEqual({
      filters: { q: 'prod', account: '444455556666', idpKind: 'saml', enabled: false },
      problems: {},
    });
    expect(parseMappingListFilters({ kind: 'ldap', status: 'maybe' }).problems).toEqual({ kind: 'Choose OIDC, SAML or both.', status: 'Choose enabled or disabled.' });
    expect(parseMappingListFilters({ q: '' }).filters).toEqual({});
  });

  it('searches group, labels, ARN, account and description, in any case', () => {
    expect(filterMappings(list, { q: 'PROD' }).map((x) => x.idpGroup)).toEqual(['oncall']);
    expect(filterMappings(list, { q: 'legacy' }).map((x) => x.idpGroup)).toEqual(['saml-devs']);
    expect(filterMappings(list, { q: 'DevReadOnly' })).toHaveLength(2);
    expect(filterMappings(list, {})).toHaveLength(3);
  });

  it('filters by account, group, IdP kind (both serves either) and status', () => {
    expect(filterMappings(list, { account: '444455556666' }).map((x) => x.idpGroup)).toEqual(['oncall']);
    expect(filterMappings(list, { group: 'eng' })).toHaveLength(1);
    expect(filterMappings(list, { idpKind: 'saml' }).map((x) => x.idpGroup)).toEqual(['oncall', 'saml-devs']);
    expect(filterMappings(list, { idpKind: 'both' }).map((x) => x.idpGroup)).toEqual(['oncall']);
    expect(filterMappings(list, { enabled: false }).map((x) => x.idpGroup)).toEqual(['saml-devs']);
    expect(filterMappings(list, { account: '444455556666', enabled: false })).toEqual([]);
  });
});
