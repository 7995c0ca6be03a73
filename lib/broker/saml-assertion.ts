// SAML broker mode: the assertion Keyport signs for AWS itself (no IdP "AWS application"), for one
// issuance, one role and one person — IAM User Guide, "Configure SAML assertions for the
// authentication response" (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html):
//   - Audience and SubjectConfirmationData/@Recipient: the partition's sign-in endpoint
//     (https://signin.aws.amazon.com/saml), NotOnOrAfter ≤ 5 minutes away;
//   - Role: exactly one "<role ARN>,<SAML provider ARN>" pair, so the assertion opens this role only;
//   - RoleSessionName and SourceIdentity: the person's RoleSessionName (verified identity);
//   - PrincipalTag:<key> and TransitiveTagKeys: the same session tags as broker OIDC tokens
//     ("Passing session tags using AssumeRoleWithSAML").
// Signed (assertion, RSA-SHA256, exclusive c14n) with Keyport's SAML key, whose certificate its
// metadata (`samlBrokerMetadata`) publishes for the IAM SAML provider.
import { signedResponse } from '@/lib/saml/build-saml-response';
import { idpMetadataXml } from '@/lib/saml/idp-metadata-xml';
import type { SessionTags } from './session-tags';

const ATTR = 'https://aws.amazon.com/SAML/Attributes/';
export const SAML_ASSERTION_LIFETIME_SECONDS = 300;

export function awsSigninSamlUrl(partition: 'aws' | 'aws-cn' | 'aws-us-gov'): string {
  if (partition === 'aws-cn') return 'https://signin.amazonaws.cn/saml';
  if (partition === 'aws-us-gov') return 'https://signin.amazonaws-us-gov.com/saml';
  return 'https://signin.aws.amazon.com/saml';
}

export interface BrokerSamlInput {
  entityId: string;
  key: { privateKeyPem: string; certPem: string };
  roleArn: string;
  providerArn: string;
  sessionName: string;
  sourceIdentity: string;
  tags: SessionTags;
  partition: 'aws' | 'aws-cn' | 'aws-us-gov';
  now: Date;
}

/** The attributes of the assertion (exported for tests). */
export function brokerSamlAttributes(input: Pick<BrokerSamlInput, 'roleArn' | 'providerArn' | 'sessionName' | 'sourceIdentity' | 'tags'>): Record<string, string[]> {
  return {
    [`${ATTR}Role`]: [`${input.roleArn},${input.providerArn}`],
    [`${ATTR}RoleSessionName`]: [input.sessionName],
    [`${ATTR}SourceIdentity`]: [input.sourceIdentity],
    ...Object.fromEntries(Object.entries(input.tags).map(([k, v]) => [`${ATTR}PrincipalTag:${k}`, [v]])),
    [`${ATTR}TransitiveTagKeys`]: Object.keys(input.tags),
  };
}

/** The base64 SAMLResponse AssumeRoleWithSAML takes. Lives in memory only. */
export function brokerSamlResponse(input: BrokerSamlInput): string {
  const aws = awsSigninSamlUrl(input.partition);
  return signedResponse(
    {
      issuer: input.entityId,
      destination: aws,
      recipient: aws,
      audience: aws,
      inResponseTo: null,
      nameId: input.sessionName,
      attributes: brokerSamlAttributes(input),
      now: input.now,
      ttlSeconds: SAML_ASSERTION_LIFETIME_SECONDS,
    },
    input.key,
  ).base64;
}

/**
 * Keyport's SAML IdP metadata, to register as the IAM SAML provider (aws iam create-saml-provider).
 * Keyport starts every assertion itself (inside issuance); the SSO endpoint named is the portal.
 */
export function samlBrokerMetadata(opts: { entityId: string; certPem: string; ssoUrl: string }): string {
  return idpMetadataXml(opts);
}
