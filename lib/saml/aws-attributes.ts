// Pure: the AWS attributes of a SAML assertion, as AWS reads them.
//   https://aws.amazon.com/SAML/Attributes/Role             "roleArn,providerArn" (either order)
//   https://aws.amazon.com/SAML/Attributes/RoleSessionName  2–64 of [\w+=,.@-]
//   https://aws.amazon.com/SAML/Attributes/SessionDuration  900–43200 seconds
export const AWS_ROLE_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/Role';
export const AWS_ROLE_SESSION_NAME_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/RoleSessionName';
export const AWS_SESSION_DURATION_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/SessionDuration';
import { awsSignInSamlUrl } from './aws-saml-endpoints';

/** AWS's global sign-in URL (commercial partition): the Recipient AWS accepts, and so its SAML:aud. */
export const AWS_SAML_AUDIENCE = awsSignInSamlUrl('aws');

/** The `SAML:aud` a trust policy matches: the Recipient, per partition (aws-saml-endpoints.ts). */
export function awsSamlAudience(partition: 'aws' | 'aws-cn' | 'aws-us-gov'): string {
  return awsSignInSamlUrl(partition);
}

export interface RolePair {
  roleArn: string;
  principalArn: string;
}

const ROLE = /^arn:aws[\w-]*:iam::\d{12}:role\/\S+$/;
const PROVIDER = /^arn:aws[\w-]*:iam::\d{12}:saml-provider\/[\w.-]+$/;

export function parseRolePairs(values: readonly string[]): RolePair[] {
  const out: RolePair[] = [];
  for (const value of values) {
    const parts = value.split(',').map((p) => p.trim());
    if (parts.length !== 2) continue;
    const [a = '', b = ''] = parts;
    if (ROLE.test(a) && PROVIDER.test(b)) out.push({ roleArn: a, principalArn: b });
    else if (ROLE.test(b) && PROVIDER.test(a)) out.push({ roleArn: b, principalArn: a });
  }
  return out;
}

export function parseSessionDuration(values: readonly string[] | undefined): number | undefined {
  const v = values?.[0];
  if (v === undefined || !/^\d{1,6}$/.test(v)) return undefined;
  return Number(v);
}

export const ROLE_SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
