// Pure: checks one mapping as an admin wrote it (form, API or import file) and returns either the
// row to store or a message per field. Every rule of the editor lives here, so the server applies
// the same checks whatever the entry point.
import { TAGGABLE_ATTRIBUTES } from '@/lib/broker/session-tags';
import type { Partition } from '@/lib/credentials/types';
import { parsePolicyArn, parseRoleArn, parseSamlProviderArn } from './arns';
import { isKnownRegion, regionPartition } from './aws-regions';

export const IDP_KINDS = ['oidc', 'saml', 'both'] as const;
export type IdpKindInput = (typeof IDP_KINDS)[number];
export type IdpKindDb = 'OIDC' | 'SAML' | 'BOTH';

export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43200;
export const MAX_SESSION_POLICY_CHARS = 2048;
export const MAX_MANAGED_POLICIES = 10;

/** What an admin writes. `sessionPolicy` may be JSON text or (in import files) the policy object. */
export interface MappingInput {
  idpGroup: string;
  idpKind: IdpKindInput;
  roleArn: string;
  accountLabel: string;
  roleLabel: string;
  description?: string;
  maxDurationSeconds: number;
  stsRegion: string;
  allowedRegions: string[];
  sessionPolicy?: string | Record<string, unknown> | null;
  managedPolicyArns?: string[];
  samlProviderArn?: string | null;
  /** Override of the deployment's FEDERATION_MODE; absent or null: the deployment's. */
  federationMode?: 'broker' | 'broker-saml' | 'passthrough' | null;
  /** IdP attributes sent as session tags in broker mode (lib/broker/session-tags.ts TAGGABLE_ATTRIBUTES). */
  sessionTagAttributes?: string[];
  /** Role chaining: the role assumed with the first hop's credentials (sts:AssumeRole); absent or null: none. */
  chainedRoleArn?: string | null;
  enabled?: boolean;
}

export const MAPPING_FIELDS = [
  'idpGroup',
  'idpKind',
  'roleArn',
  'accountLabel',
  'roleLabel',
  'description',
  'maxDurationSeconds',
  'stsRegion',
  'allowedRegions',
  'sessionPolicy',
  'managedPolicyArns',
  'samlProviderArn',
  'federationMode',
  'sessionTagAttributes',
  'chainedRoleArn',
  'enabled',
] as const satisfies readonly (keyof MappingInput)[];

/** A valid mapping, as stored. */
export interface MappingData {
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
  /** 'broker' | 'broker-saml' | 'passthrough' (validated here; the database CHECK holds the same list) or null. */
  federationMode: string | null;
  sessionTagAttributes: string[];
  chainedRoleArn: string | null;
  enabled: boolean;
}

export type FieldErrors = Partial<Record<(typeof MAPPING_FIELDS)[number] | 'mapping', string>> & Record<string, string>;

export type ValidationResult = { ok: true; value: MappingData } | { ok: false; fields: FieldErrors };

export function toDbKind(kind: IdpKindInput): IdpKindDb {
  return kind === 'oidc' ? 'OIDC' : kind === 'saml' ? 'SAML' : 'BOTH';
}

export function fromDbKind(kind: IdpKindDb): IdpKindInput {
  return kind === 'OIDC' ? 'oidc' : kind === 'SAML' ? 'saml' : 'both';
}

// C0/C1 controls, and the bidirectional overrides that can make text read as something it is not.
const INVISIBLE = /[\p{Cc}\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;
const INVISIBLE_KEEP_NEWLINES = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

function text(
  raw: unknown,
  opts: { label: string; min: number; max: number; multiline?: boolean; trim?: boolean },
): { ok: true; value: string } | { ok: false; message: string } {
  if (raw === undefined || raw === null) raw = '';
  if (typeof raw !== 'string') return { ok: false, message: `${opts.label} must be text.` };
  const value = opts.trim === false ? raw : raw.trim();
  if (value.length < opts.min) return { ok: false, message: `${opts.label} is required.` };
  if (value.length > opts.max) return { ok: false, message: `${opts.label} can be at most ${opts.max} characters (this one has ${value.length}).` };
  if ((opts.multiline ? INVISIBLE_KEEP_NEWLINES : INVISIBLE).test(value)) {
    return { ok: false, message: `${opts.label} contains an invisible or control character (often pasted by accident): retype it.` };
  }
  return { ok: true, value };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A session policy: a JSON object with a Statement, at most 2048 characters once packed. */
export function packSessionPolicy(raw: unknown): { ok: true; value: string | null } | { ok: false; message: string } {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, value: null };
  let doc: unknown = raw;
  if (typeof raw === 'string') {
    try {
      doc = JSON.parse(raw);
    } catch {
      return { ok: false, message: 'is not valid JSON: check the quotes, commas and brackets' };
    }
  }
  if (!isRecord(doc)) return { ok: false, message: 'must be a JSON object, like {"Version":"2012-10-17","Statement":[…]}' };
  const statement = doc.Statement;
  if (!(isRecord(statement) || (Array.isArray(statement) && statement.length > 0 && statement.every(isRecord)))) {
    return { ok: false, message: 'must have a "Statement": one statement object or a non-empty list of them' };
  }
  const packed = JSON.stringify(doc);
  if (packed.length > MAX_SESSION_POLICY_CHARS) {
    return { ok: false, message: `is ${packed.length} characters without spaces; AWS accepts at most ${MAX_SESSION_POLICY_CHARS}` };
  }
  return { ok: true, value: packed };
}

function regionError(region: unknown, partition: Partition | null): string | null {
  if (typeof region !== 'string' || !isKnownRegion(region)) return `${typeof region === 'string' ? `“${region}”` : 'This'} is not an AWS region Keyport knows: pick one from the list.`;
  if (partition && regionPartition(region) !== partition) return `${region} is not in the ${partition} partition of the role: pick a region of the role’s partition.`;
  return null;
}

/**
 * Role chaining: the target role Keyport assumes with the first hop's session. Another role than
 * the mapping's, in the same partition (STS does not cross partitions); any account.
 */
export function checkChainedRoleArn(raw: unknown, hub: { roleArn: string; partition: Partition | null }): { ok: true; value: string | null } | { ok: false; message: string } {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return { ok: true, value: null };
  if (typeof raw !== 'string') return { ok: false, message: 'The chained role ARN must be text' };
  const value = raw.trim();
  const parsed = parseRoleArn(value);
  if (!parsed.ok) return { ok: false, message: `The chained role ARN ${parsed.message}` };
  if (value === hub.roleArn) return { ok: false, message: 'The chained role must be another role than the mapping’s own (the hub)' };
  if (hub.partition && parsed.value.partition !== hub.partition) return { ok: false, message: `The chained role must be in the ${hub.partition} partition of the hub role` };
  return { ok: true, value };
}

export function validateMapping(raw: unknown): ValidationResult {
  const fields: FieldErrors = {};
  if (!isRecord(raw)) return { ok: false, fields: { mapping: 'must be an object with the mapping fields' } };
  for (const key of Object.keys(raw)) {
    if (!(MAPPING_FIELDS as readonly string[]).includes(key)) fields[key] = `“${key}” is not a mapping field: remove it.`;
  }

  // IdP group: exact, shown as written; stored in NFC so it compares like the groups of a token.
  const group = text(raw.idpGroup, { label: 'The IdP group', min: 1, max: 256, trim: false });
  let idpGroup = '';
  if (!group.ok) fields.idpGroup = group.message;
  else if (group.value.trim() !== group.value) fields.idpGroup = 'The IdP group must not start or end with a space: groups are compared exactly as the IdP sends them.';
  else idpGroup = group.value.normalize('NFC');

  const kind = raw.idpKind;
  const idpKind = typeof kind === 'string' && (IDP_KINDS as readonly string[]).includes(kind) ? (kind as IdpKindInput) : null;
  if (!idpKind) fields.idpKind = 'Choose OIDC, SAML or both.';

  let partition: Partition | null = null;
  let accountId = '';
  const roleArn = typeof raw.roleArn === 'string' ? raw.roleArn.trim() : '';
  if (!roleArn) fields.roleArn = 'The role ARN is required: copy it from the role’s page in the IAM console.';
  else {
    const parsed = parseRoleArn(roleArn);
    if (!parsed.ok) fields.roleArn = parsed.message;
    else {
      partition = parsed.value.partition;
      accountId = parsed.value.accountId;
    }
  }

  const accountLabel = text(raw.accountLabel, { label: 'The account label', min: 1, max: 64 });
  if (!accountLabel.ok) fields.accountLabel = accountLabel.message;
  const roleLabel = text(raw.roleLabel, { label: 'The role label', min: 1, max: 100 });
  if (!roleLabel.ok) fields.roleLabel = roleLabel.message;
  const description = text(raw.description, { label: 'The description', min: 0, max: 500, multiline: true });
  if (!description.ok) fields.description = description.message;

  const d = raw.maxDurationSeconds;
  if (typeof d !== 'number' || !Number.isInteger(d) || d < MIN_DURATION_SECONDS || d > MAX_DURATION_SECONDS) {
    fields.maxDurationSeconds = 'The maximum duration must be from 15 minutes to 12 hours (900 to 43200 seconds).';
  }

  const stsRegionError = regionError(raw.stsRegion, partition);
  if (stsRegionError) fields.stsRegion = stsRegionError;

  const allowed = raw.allowedRegions;
  if (!Array.isArray(allowed) || allowed.length === 0) fields.allowedRegions = 'Choose at least one region people may ask credentials for.';
  else {
    const seen = new Set<string>();
    for (const r of allowed) {
      const err = regionError(r, partition);
      if (err) {
        fields.allowedRegions = err;
        break;
      }
      if (seen.has(r as string)) {
        fields.allowedRegions = `${String(r)} is listed twice: keep it once.`;
        break;
      }
      seen.add(r as string);
    }
  }

  const policy = packSessionPolicy(raw.sessionPolicy);
  if (!policy.ok) fields.sessionPolicy = `The session policy ${policy.message}.`;

  const managed = raw.managedPolicyArns ?? [];
  const managedPolicyArns: string[] = [];
  if (!Array.isArray(managed)) fields.managedPolicyArns = 'Managed policies must be a list of policy ARNs.';
  else if (managed.length > MAX_MANAGED_POLICIES) fields.managedPolicyArns = `At most ${MAX_MANAGED_POLICIES} managed policies: AWS accepts no more for one session.`;
  else {
    for (const arn of managed) {
      const p = typeof arn === 'string' ? parsePolicyArn(arn.trim()) : null;
      if (!p) {
        fields.managedPolicyArns = `${typeof arn === 'string' ? `“${arn}”` : 'An entry'} is not a policy ARN, like arn:aws:iam::aws:policy/ReadOnlyAccess.`;
        break;
      }
      if (partition && p.partition !== partition) {
        fields.managedPolicyArns = `${String(arn)} is not in the ${partition} partition of the role.`;
        break;
      }
      const value = (arn as string).trim();
      if (managedPolicyArns.includes(value)) {
        fields.managedPolicyArns = `${value} is listed twice: keep it once.`;
        break;
      }
      managedPolicyArns.push(value);
    }
  }

  const modeRaw = raw.federationMode ?? null;
  let federationMode: MappingData['federationMode'] = null;
  if (modeRaw !== null) {
    if (modeRaw === 'broker' || modeRaw === 'broker-saml' || modeRaw === 'passthrough') federationMode = modeRaw;
    else fields.federationMode = 'Choose a federation mode — broker, broker-saml or passthrough — or none for the deployment’s default.';
  }
  const tagsRaw = raw.sessionTagAttributes ?? [];
  const sessionTagAttributes: string[] = [];
  if (!Array.isArray(tagsRaw)) fields.sessionTagAttributes = 'Session tag attributes must be a list.';
  else {
    for (const a of tagsRaw) {
      if (typeof a !== 'string' || !(TAGGABLE_ATTRIBUTES as readonly string[]).includes(a)) {
        fields.sessionTagAttributes = `Session tags can carry only these IdP attributes: ${TAGGABLE_ATTRIBUTES.join(', ')}.`;
        break;
      }
      if (!sessionTagAttributes.includes(a)) sessionTagAttributes.push(a);
    }
  }

  const samlRaw = typeof raw.samlProviderArn === 'string' ? raw.samlProviderArn.trim() : raw.samlProviderArn;
  let samlProviderArn: string | null = null;
  if (samlRaw !== undefined && samlRaw !== null && typeof samlRaw !== 'string') fields.samlProviderArn = 'The SAML provider ARN must be text.';
  else if (idpKind === 'oidc' && federationMode === 'broker-saml') {
    // SAML broker mode: the provider is Keyport's own, whatever the person signs in with.
    const p = samlRaw ? parseSamlProviderArn(samlRaw) : null;
    if (!samlRaw) fields.samlProviderArn = "SAML broker mode needs the ARN of Keyport's IAM SAML provider in the role's account.";
    else if (!p) fields.samlProviderArn = 'The SAML provider ARN must look like arn:aws:iam::123456789012:saml-provider/Name.';
    else if (partition && (p.partition !== partition || p.accountId !== accountId)) fields.samlProviderArn = `The SAML provider must be in the role's account (${accountId}, ${partition}): a role can only trust a provider of its own account.`;
    else samlProviderArn = samlRaw;
  } else if (idpKind === 'oidc') {
    if (samlRaw) fields.samlProviderArn = 'A SAML provider belongs only to SAML mappings: clear it, or choose SAML or both.';
  } else if (idpKind) {
    if (!samlRaw) fields.samlProviderArn = 'SAML mappings need the SAML provider ARN, like arn:aws:iam::123456789012:saml-provider/CompanyIdP.';
    else {
      const p = parseSamlProviderArn(samlRaw);
      if (!p) fields.samlProviderArn = 'The SAML provider ARN must look like arn:aws:iam::123456789012:saml-provider/Name.';
      else if (partition && (p.partition !== partition || p.accountId !== accountId)) {
        fields.samlProviderArn = `The SAML provider must be in the role's account (${accountId}, ${partition}): a role can only trust a provider of its own account.`;
      } else samlProviderArn = samlRaw;
    }
  }

  const chained = checkChainedRoleArn(raw.chainedRoleArn, { roleArn, partition });
  if (!chained.ok) fields.chainedRoleArn = chained.message;

  const enabled = raw.enabled ?? true;
  if (typeof enabled !== 'boolean') fields.enabled = 'Enabled must be true or false.';

  if (Object.keys(fields).length > 0 || !idpKind || !accountLabel.ok || !roleLabel.ok || !description.ok || !policy.ok) {
    return { ok: false, fields };
  }
  return {
    ok: true,
    value: {
      idpGroup,
      idpKind: toDbKind(idpKind),
      roleArn,
      accountId,
      accountLabel: accountLabel.value,
      roleLabel: roleLabel.value,
      description: description.value,
      maxDurationSeconds: d as number,
      stsRegion: raw.stsRegion as string,
      allowedRegions: allowed as string[],
      sessionPolicy: policy.value,
      managedPolicyArns,
      samlProviderArn,
      federationMode,
      sessionTagAttributes,
      chainedRoleArn: chained.ok ? chained.value : null,
      enabled: enabled as boolean,
    },
  };
}
