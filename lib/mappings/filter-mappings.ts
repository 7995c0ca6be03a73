// The mapping list's search and filters, read from the URL. Pure. The search matches the group,
// role label or ARN, account label or id and description, case-insensitively; the filters are
// exact. An absent filter keeps every mapping; an unknown value is reported, never ignored.
import type { IdpKindInput } from './validate-mapping';

export interface MappingListFilters {
  q?: string;
  account?: string;
  group?: string;
  idpKind?: IdpKindInput;
  enabled?: boolean;
}

type Params = Record<string, string | string[] | undefined>;

function first(p: Params, k: string): string | undefined {
  const v = p[k];
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s.slice(0, 256) : undefined;
}

export function parseMappingListFilters(p: Params): { filters: MappingListFilters; problems: Record<string, string> } {
  const filters: MappingListFilters = {};
  const problems: Record<string, string> = {};
  const q = first(p, 'q');
  if (q) filters.q = q;
  const account = first(p, 'account');
  if (account) filters.account = account;
  const group = first(p, 'group');
  if (group) filters.group = group;
  const kind = first(p, 'kind');
  if (kind) {
    if (kind === 'oidc' || kind === 'saml' || kind === 'both') filters.idpKind = kind;
    else problems.kind = 'Choose OIDC, SAML or both.';
  }
  const status = first(p, 'status');
  if (status) {
    if (status === 'enabled' || status === 'disabled') filters.enabled = status === 'enabled';
    else problems.status = 'Choose enabled or disabled.';
  }
  return { filters, problems };
}

export interface FilterableMapping {
  idpGroup: string;
  idpKind: IdpKindInput;
  roleArn: string;
  roleLabel: string;
  accountId: string;
  accountLabel: string;
  description: string;
  enabled: boolean;
}

export function filterMappings<M extends FilterableMapping>(mappings: readonly M[], f: MappingListFilters): M[] {
  const q = f.q?.toLocaleLowerCase();
  return mappings.filter((m) => {
    if (f.account !== undefined && m.accountId !== f.account) return false;
    if (f.group !== undefined && m.idpGroup.normalize('NFC') !== f.group.normalize('NFC')) return false;
    // A mapping for both IdPs serves OIDC and SAML alike.
    if (f.idpKind !== undefined && m.idpKind !== f.idpKind && !(m.idpKind === 'both' && f.idpKind !== 'both')) return false;
    if (f.enabled !== undefined && m.enabled !== f.enabled) return false;
    if (q) {
      const hay = [m.idpGroup, m.roleLabel, m.roleArn, m.accountLabel, m.accountId, m.description].join('\n').toLocaleLowerCase();
      if (!hay.includes(q)) return false;
    }
    return true;
  });
}
