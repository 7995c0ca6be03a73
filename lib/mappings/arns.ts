// Pure: the shapes of the IAM ARNs a mapping names, per IAM's rules (partition, 12-digit account,
// path of printable ASCII up to 512 characters, names of [\w+=,.@-]).
import type { Partition } from '@/lib/credentials/types';

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov'] as const satisfies readonly Partition[];

const ROLE_ARN = /^arn:([^:]*):iam::([^:]*):role\/(?:([\x21-\x7e]*)\/)?([^/]*)$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const POLICY_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}|aws):policy\/(?:([\x21-\x7e]*)\/)?([\w+=,.@-]{1,128})$/;
const SAML_PROVIDER_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):saml-provider\/([\w.-]{1,128})$/;

export interface RoleArnParts {
  partition: Partition;
  accountId: string;
  /** IAM path, `/` or `/a/b/`. */
  path: string;
  name: string;
}

function isPartition(p: string): p is Partition {
  return (PARTITIONS as readonly string[]).includes(p);
}

/** Parses a role ARN, or says what is wrong with it in a whole sentence an admin can act on. */
export function parseRoleArn(arn: string): { ok: true; value: RoleArnParts } | { ok: false; message: string } {
  const m = ROLE_ARN.exec(arn);
  if (!m) return { ok: false, message: 'Enter the role’s ARN as IAM shows it, like arn:aws:iam::123456789012:role/RoleName (a path, as in role/team/RoleName, is fine).' };
  const [, partition = '', accountId = '', rawPath, name = ''] = m;
  if (!isPartition(partition)) return { ok: false, message: `“${partition}” is not an AWS partition: the ARN starts arn:aws:, arn:aws-cn: or arn:aws-us-gov:.` };
  if (!/^\d{12}$/.test(accountId)) return { ok: false, message: `The account id in the ARN has ${accountId.length === 1 ? '1 character' : `${accountId.length} characters`}; an AWS account id is 12 digits, like 123456789012.` };
  if (!ROLE_NAME.test(name)) return { ok: false, message: 'The role name (after role/) must be 1 to 64 letters, digits or + = , . @ _ -, with no spaces.' };
  const path = rawPath === undefined ? '/' : `/${rawPath}/`;
  if (path.length > 512) return { ok: false, message: 'The role’s path (between role/ and the name) can be at most 512 characters.' };
  return { ok: true, value: { partition, accountId, path, name } };
}

export function parsePolicyArn(arn: string): { partition: Partition; account: string } | null {
  const m = POLICY_ARN.exec(arn);
  if (!m || !m[1] || !m[2] || (m[3] !== undefined && m[3].length + 2 > 512)) return null;
  return isPartition(m[1]) ? { partition: m[1], account: m[2] } : null;
}

export function parseSamlProviderArn(arn: string): { partition: Partition; accountId: string; name: string } | null {
  const m = SAML_PROVIDER_ARN.exec(arn);
  if (!m || !m[1] || !m[2] || !m[3] || !isPartition(m[1])) return null;
  return { partition: m[1], accountId: m[2], name: m[3] };
}
