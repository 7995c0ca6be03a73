// The editor's field values (text as typed) and how a stored mapping fills them; and the payload
// the API takes, built from them. Not a client module, so server pages can call formValuesOf and
// pass the result to the form. A new field: add it to MappingFormValues, EMPTY_MAPPING,
// formValuesOf and payloadOf, and render it in mapping-form.tsx (FIELD_ORDER sets where focus
// lands first when it is wrong).
import { fromHoursMinutes, toHoursMinutes } from '@/lib/mappings/duration-parts';
import type { MappingView } from '@/lib/mappings/mapping-view';
import type { IdpKindInput } from '@/lib/mappings/validate-mapping';

export interface MappingFormValues {
  idpGroup: string;
  idpKind: IdpKindInput;
  roleArn: string;
  /** The account picked (its id), 'new' for an account Keyport does not know yet, '' none yet. */
  accountChoice: string;
  /** The name of a new account (accountChoice 'new'). */
  newAccountLabel: string;
  roleLabel: string;
  description: string;
  durationHours: string;
  durationMinutes: string;
  stsRegion: string;
  allowedRegions: string[];
  sessionPolicy: string;
  managedPolicyArns: string;
  samlProviderArn: string;
  /** '' = the deployment's FEDERATION_MODE. */
  federationMode: '' | 'broker' | 'broker-saml' | 'passthrough';
  sessionTagAttributes: string[];
  /** Role chaining's target role; '' = none. */
  chainedRoleArn: string;
  enabled: boolean;
}

export const EMPTY_MAPPING: MappingFormValues = {
  idpGroup: '',
  idpKind: 'oidc',
  roleArn: '',
  accountChoice: '',
  newAccountLabel: '',
  roleLabel: '',
  description: '',
  durationHours: '1',
  durationMinutes: '0',
  stsRegion: 'us-east-1',
  allowedRegions: ['us-east-1'],
  sessionPolicy: '',
  managedPolicyArns: '',
  samlProviderArn: '',
  federationMode: '',
  sessionTagAttributes: [],
  chainedRoleArn: '',
  enabled: true,
};

export function formValuesOf(m: MappingView): MappingFormValues {
  const { hours, minutes } = toHoursMinutes(m.maxDurationSeconds);
  return {
    idpGroup: m.idpGroup,
    idpKind: m.idpKind,
    roleArn: m.roleArn,
    accountChoice: m.accountId,
    newAccountLabel: '',
    roleLabel: m.roleLabel,
    description: m.description,
    durationHours: hours,
    durationMinutes: minutes,
    stsRegion: m.stsRegion,
    allowedRegions: m.allowedRegions,
    sessionPolicy: m.sessionPolicy ? JSON.stringify(JSON.parse(m.sessionPolicy) as unknown, null, 2) : '',
    managedPolicyArns: m.managedPolicyArns.join('\n'),
    samlProviderArn: m.samlProviderArn ?? '',
    federationMode: m.federationMode === 'broker' || m.federationMode === 'broker-saml' || m.federationMode === 'passthrough' ? m.federationMode : '',
    sessionTagAttributes: m.sessionTagAttributes,
    chainedRoleArn: m.chainedRoleArn ?? '',
    enabled: m.enabled,
  };
}

/** The account id of a role ARN as typed, when it has one. */
export function arnAccountId(roleArn: string): string | null {
  return /^arn:[^:]*:iam::(\d{12}):/.exec(roleArn.trim())?.[1] ?? null;
}

/** The label the mapping is saved with: the picked account's, or the new account's name. */
export function accountLabelOf(v: MappingFormValues, accounts: readonly { id: string; label: string }[]): string {
  if (v.accountChoice === 'new') return v.newAccountLabel;
  return accounts.find((a) => a.id === v.accountChoice)?.label ?? '';
}

export function payloadOf(v: MappingFormValues, mode: 'create' | 'edit', accounts: readonly { id: string; label: string }[]): Record<string, unknown> {
  const seconds = fromHoursMinutes(v.durationHours, v.durationMinutes);
  return {
    idpGroup: v.idpGroup,
    idpKind: v.idpKind,
    roleArn: v.roleArn,
    accountLabel: accountLabelOf(v, accounts),
    roleLabel: v.roleLabel,
    description: v.description,
    // Not a number when the parts are not whole numbers: the validation then says so.
    maxDurationSeconds: seconds ?? `${v.durationHours}:${v.durationMinutes}`,
    stsRegion: v.stsRegion,
    allowedRegions: v.allowedRegions,
    sessionPolicy: v.sessionPolicy.trim() === '' ? null : v.sessionPolicy,
    managedPolicyArns: v.managedPolicyArns.split(/\s+/).filter(Boolean),
    samlProviderArn: (v.idpKind === 'oidc' && v.federationMode !== 'broker-saml') || v.samlProviderArn.trim() === '' ? null : v.samlProviderArn,
    federationMode: v.federationMode === '' ? null : v.federationMode,
    sessionTagAttributes: v.sessionTagAttributes,
    chainedRoleArn: v.chainedRoleArn.trim() === '' ? null : v.chainedRoleArn,
    // Editing leaves the status alone (it has its own buttons, and may have changed meanwhile).
    ...(mode === 'create' ? { enabled: v.enabled } : {}),
  };
}
