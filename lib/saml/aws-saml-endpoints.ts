// Pure: what AWS accepts as the audience and the Recipient of a SAML assertion for
// AssumeRoleWithSAML (and its console sign-in), per partition. Keyport's issuance check, the
// sandbox AWS, the trust-policy generator and the docs all read these two functions.
//
// Audience (Conditions/AudienceRestriction/Audience) — AWS's service-provider entity ids:
//   - `urn:amazon:webservices`: the entityID of AWS's SAML metadata,
//     https://signin.aws.amazon.com/static/saml-metadata.xml, which IAM tells IdPs to import
//     ("Configure your SAML 2.0 IdP with relying party trust and adding claims",
//     https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_relying-party.html);
//     this is what Okta's AWS app, ADFS and Keycloak (set up from that metadata) and SimpleSAMLphp send;
//   - `https://signin.aws.amazon.com/saml` and the regional `https://<region>.signin.aws.amazon.com/saml`
//     (the sign-in endpoints, "AWS Sign-In endpoints", https://docs.aws.amazon.com/general/latest/gr/signin-service.html);
//   - China: `urn:amazon:webservices:cn-north-1` / `…:cn-northwest-1` (the entity ids of
//     https://signin.amazonaws.cn/static/saml-metadata.xml, as ADFS's `loginToRp` and Entra's
//     AWS China app name them) and `https://signin.amazonaws.cn/saml`;
//   - GovCloud (US): `urn:amazon:webservices:govcloud` and `https://signin.amazonaws-us-gov.com/saml`.
//   An audience of another partition is not accepted: each partition is its own AWS.
//
// Recipient (SubjectConfirmation/SubjectConfirmationData/@Recipient): "The Recipient attribute
// must include a value that matches the AWS sign-in endpoint URL"
// ("Configure SAML assertions for the authentication response",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html):
// `https://[<region>.]signin.aws.amazon.com/saml`, or with the provider's id appended as
// `/saml/acs/<IdP-ID>` when SAML encryption is required. AssumeRoleWithSAML returns this value as
// `Audience` ("The value of the Recipient attribute of the SubjectConfirmationData element",
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html) and trust
// policies match it as the `SAML:aud` condition key ("The value for this key comes from the SAML
// Recipient field in the assertion, not the Audience field",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-saml).
// Consequence: an IdP that always sets the Recipient to the URL it posts to (SimpleSAMLphp,
// ADFS, Entra ID, Google Workspace, Keycloak) cannot deliver to Keyport an assertion AWS accepts.
import type { Partition } from '../credentials/types';
import { isKnownRegion, regionPartition } from '../mappings/aws-regions';

const SIGN_IN_HOST: Record<Partition, string> = {
  aws: 'signin.aws.amazon.com',
  'aws-cn': 'signin.amazonaws.cn',
  'aws-us-gov': 'signin.amazonaws-us-gov.com',
};

const ENTITY_IDS: Record<Partition, readonly string[]> = {
  aws: ['urn:amazon:webservices'],
  'aws-cn': ['urn:amazon:webservices:cn-north-1', 'urn:amazon:webservices:cn-northwest-1'],
  'aws-us-gov': ['urn:amazon:webservices:govcloud'],
};

/** The partition's global SAML sign-in URL: the Recipient to configure and the `SAML:aud` to trust. */
export function awsSignInSamlUrl(partition: Partition): string {
  return `https://${SIGN_IN_HOST[partition]}/saml`;
}

/** The partition's own SP entity ids (what IdPs set up from AWS's metadata send as audience). */
export function awsSamlEntityIds(partition: Partition): readonly string[] {
  return ENTITY_IDS[partition];
}

/** The region of `https://<region>.signin…` when it is one of this partition's; '' for the global host. */
function signInRegion(host: string, partition: Partition): string | null {
  const base = SIGN_IN_HOST[partition];
  if (host === base) return '';
  if (!host.endsWith(`.${base}`)) return null;
  const region = host.slice(0, -base.length - 1);
  return isKnownRegion(region) && regionPartition(region) === partition ? region : null;
}

/** `https://[<region>.]<sign-in host>/<path>` with exactly that path shape; anything else is null. */
function signInPath(value: string, partition: Partition): string | null {
  // Compared as text, never normalised: AWS compares the strings (no case folding, no default port).
  const m = /^https:\/\/([a-z0-9.-]+)(\/[A-Za-z0-9/_-]*)$/.exec(value);
  if (!m?.[1] || !m[2]) return null;
  return signInRegion(m[1], partition) === null ? null : m[2];
}

export function isAwsSamlAudience(value: string, partition: Partition): boolean {
  if (ENTITY_IDS[partition].includes(value)) return true;
  return signInPath(value, partition) === '/saml';
}

export function isAwsSamlRecipient(value: string, partition: Partition): boolean {
  const path = signInPath(value, partition);
  return path === '/saml' || (path !== null && /^\/saml\/acs\/[A-Za-z0-9_-]{1,128}$/.test(path));
}

/** The partition an assertion's audiences name, when they all name AWS of the same partition. */
export function audiencePartition(audiences: readonly string[]): Partition | null {
  for (const p of ['aws', 'aws-cn', 'aws-us-gov'] as const) {
    if (audiences.some((a) => isAwsSamlAudience(a, p))) return p;
  }
  return null;
}
