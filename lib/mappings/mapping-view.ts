// What of a mapping leaves the server: an explicit select and a plain, serialisable view.
import { fromDbKind, type IdpKindDb, type IdpKindInput } from './validate-mapping';

export const mappingSelect = {
  id: true,
  idpGroup: true,
  idpKind: true,
  roleArn: true,
  accountId: true,
  accountLabel: true,
  roleLabel: true,
  description: true,
  maxDurationSeconds: true,
  stsRegion: true,
  allowedRegions: true,
  sessionPolicy: true,
  managedPolicyArns: true,
  samlProviderArn: true,
  federationMode: true,
  sessionTagAttributes: true,
  chainedRoleArn: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
  createdBy: true,
  updatedBy: true,
} as const;

export interface MappingRow {
  id: string;
  idpGroup: string;
  idpKind: IdpKindDb;
  roleArn: string;
  accountId: string;
  accountLabel: string;
  roleLabel: string;
  description: string;
  maxDurationSeconds: number;
  stsRegion: string;
  allowedRegions: string[];
  sessionPolicy: string | null;
  managedPolicyArns: string[];
  samlProviderArn: string | null;
  /** Override of FEDERATION_MODE ('broker' | 'passthrough'), or null. Set by the seed or in SQL; not yet editable in the form. */
  federationMode: string | null;
  sessionTagAttributes: string[];
  /** Role chaining: the target role assumed with the first hop's session, or null. */
  chainedRoleArn: string | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
  updatedBy: string;
}

export interface MappingView extends Omit<MappingRow, 'idpKind' | 'createdAt' | 'updatedAt'> {
  idpKind: IdpKindInput;
  createdAt: string;
  updatedAt: string;
}

export function toMappingView(row: MappingRow): MappingView {
  return { ...row, idpKind: fromDbKind(row.idpKind), createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/** Codepoint order (not locale order): the same on every machine, so exports diff cleanly. */
export function compareMappings(a: { idpGroup: string; roleArn: string }, b: { idpGroup: string; roleArn: string }): number {
  const byGroup = a.idpGroup < b.idpGroup ? -1 : a.idpGroup > b.idpGroup ? 1 : 0;
  return byGroup || (a.roleArn < b.roleArn ? -1 : a.roleArn > b.roleArn ? 1 : 0);
}
