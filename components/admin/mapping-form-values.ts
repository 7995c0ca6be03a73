// The editor's field values (text as typed) and how a stored mapping fills them. Not a client
// module, so server pages can call formValuesOf and pass the result to the form.
import type { MappingView } from '@/lib/mappings/mapping-view';
import type { IdpKindInput } from '@/lib/mappings/validate-mapping';

export interface MappingFormValues {
  idpGroup: string;
  idpKind: IdpKindInput;
  roleArn: string;
  accountLabel: string;
  roleLabel: string;
  description: string;
  maxDurationSeconds: string;
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
  accountLabel: '',
  roleLabel: '',
  description: '',
  maxDurationSeconds: '3600',
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
  return {
    idpGroup: m.idpGroup,
    idpKind: m.idpKind,
    roleArn: m.roleArn,
    accountLabel: m.accountLabel,
    roleLabel: m.roleLabel,
    description: m.description,
    maxDurationSeconds: String(m.maxDurationSeconds),
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

