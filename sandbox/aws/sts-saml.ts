// STS AssumeRoleWithSAML. The endpoint, its parameters and everything around the assertion
// (role, duration, provider registration, Role attribute pair, trust policy, issuing) are here;
// verifying the assertion itself (XML signature against the provider's metadata, audience,
// NotOnOrAfter/NotBefore, Recipient) is the `SamlVerifier`'s job: `saml-verifier.ts` by default;
// `refuseUnverifiedSaml` refuses everything (for tests that must never issue).
import { createHash } from 'node:crypto';
import { assertRegionEnabled, type ActionContext, type Params } from './actions';
import { checkRoleSessionName, readCommonParams, resolveRole, type CommonAssumeParams } from './assume-role-params';
import { accessDenied, invalidIdentityToken } from './errors';
import type { ContextValue } from './policy';
import { assumedRoleUserXml, credentialsXml, issueSession } from './session-issue';
import { checkPackedSize, readSamlSourceIdentity, readSamlTags, requestTagKeys } from './session-tags';
import { firstRefusedAction, globalKeys } from './trust';
import { ARN_PATTERN, ARN_PATTERN_TEXT, checkString, Violations } from './validation';
import { accountOfArn, samlProviderArn, type WorldSamlProvider } from './world';
import { el, type XmlChild } from './xml';

/** What a verified assertion tells STS. */
export interface SamlAssertionFacts {
  issuer: string;
  subject: string;
  subjectType: string;
  /** The SubjectConfirmationData Recipient / AudienceRestriction, e.g. https://signin.aws.amazon.com/saml. */
  audience: string;
  /** `https://aws.amazon.com/SAML/Attributes/Role` values, split into (role, provider) pairs. */
  roles: ReadonlyArray<{ roleArn: string; principalArn: string }>;
  /** `https://aws.amazon.com/SAML/Attributes/RoleSessionName`. */
  roleSessionName: string | undefined;
  /** `https://aws.amazon.com/SAML/Attributes/SessionDuration`, seconds. */
  sessionDuration: number | undefined;
  /** Further attributes, exposed to trust policies as `saml:<name>` condition keys. */
  attributes: Readonly<Record<string, readonly string[]>>;
}

export interface SamlVerifyInput {
  /** The base64 SAMLResponse exactly as received. Never log it. */
  assertion: string;
  provider: WorldSamlProvider;
  providerArn: string;
  now: Date;
}

/** Throws an AwsError (InvalidIdentityToken, ExpiredTokenException, …) when the assertion is not acceptable. */
export type SamlVerifier = (input: SamlVerifyInput) => Promise<SamlAssertionFacts>;

/** The default until SAML validation is implemented: refuse, never issue on an unverified assertion. */
export const refuseUnverifiedSaml: SamlVerifier = async () => {
  throw invalidIdentityToken('The SAML assertion could not be verified: signature validation is not available in this sandbox yet.');
};

export interface SamlDeps {
  verify: SamlVerifier;
}

/** `base64(sha1(issuer + account + "/" + provider name))`, as AWS computes NameQualifier. */
export function nameQualifier(issuer: string, account: string, providerName: string): string {
  return createHash('sha1').update(`${issuer}${account}/${providerName}`, 'utf8').digest('base64');
}

export async function assumeRoleWithSaml(params: Params, ctx: ActionContext, deps: SamlDeps): Promise<XmlChild[]> {
  const v = new Violations();
  const common = readCommonParams(params, v);
  const principalArn = params.get('PrincipalArn');
  checkString(v, principalArn, 'principalArn', { required: true, min: 20, max: 2048, pattern: ARN_PATTERN, patternText: ARN_PATTERN_TEXT });
  const assertion = params.get('SAMLAssertion');
  checkString(v, assertion, 'sAMLAssertion', { required: true, min: 4, max: 100000, secret: true });
  v.throwIfAny();
  const commonParams: CommonAssumeParams = {
    roleArn: common.roleArn ?? '',
    durationSeconds: common.durationSeconds ?? 3600,
    policy: common.policy,
    policyArns: common.policyArns,
  };
  ctx.logFields['roleArn'] = commonParams.roleArn;

  const { role, session } = resolveRole(ctx.world, 'AssumeRoleWithSAML', commonParams);
  const account = accountOfArn(role.arn);
  assertRegionEnabled(ctx, account);
  const provider = ctx.world.samlProviders.find((p) => p.account === account && samlProviderArn(p) === principalArn);
  if (provider === undefined) {
    throw invalidIdentityToken(`SAML provider ${principalArn ?? ''} does not exist in account ${account}`);
  }
  const providerArn = samlProviderArn(provider);
  const now = ctx.now();

  const facts = await deps.verify({ assertion: assertion ?? '', provider, providerArn, now });

  if (!facts.roles.some((r) => r.roleArn === role.arn && r.principalArn === providerArn)) {
    throw accessDenied('Not authorized to perform sts:AssumeRoleWithSAML');
  }
  const sv = new Violations();
  checkRoleSessionName(sv, facts.roleSessionName);
  if (sv.count > 0) throw invalidIdentityToken('RoleSessionName in the SAML assertion is missing or invalid');
  const sessionName = facts.roleSessionName ?? '';
  const duration =
    params.get('DurationSeconds') === undefined && facts.sessionDuration !== undefined
      ? Math.min(facts.sessionDuration, role.maxSessionDuration)
      : commonParams.durationSeconds;

  const incomingTags = readSamlTags(facts.attributes);
  const sourceIdentity = readSamlSourceIdentity(facts.attributes);
  const packedSize = incomingTags === undefined ? session.packedPolicySize : checkPackedSize((session.compact?.length ?? 0) + commonParams.policyArns.join('').length, incomingTags.tags);
  const keys: Record<string, ContextValue> = {
    ...globalKeys(now, ctx.region, ctx.sourceIp),
    ...requestTagKeys(incomingTags, sourceIdentity),
    'aws:FederatedProvider': providerArn,
    'sts:RoleSessionName': sessionName,
    'saml:aud': facts.audience,
    'saml:iss': facts.issuer,
    'saml:sub': facts.subject,
    'saml:sub_type': facts.subjectType,
    'saml:namequalifier': nameQualifier(facts.issuer, account, provider.name),
  };
  for (const [name, values] of Object.entries(facts.attributes)) keys[`saml:${name}`] = values;
  const refused = firstRefusedAction({ role, action: 'sts:AssumeRoleWithSAML', providerArn, keys, tagged: incomingTags !== undefined, sourceIdentity: sourceIdentity !== undefined });
  if (refused !== undefined) throw accessDenied(`Not authorized to perform ${refused}`);

  const issued = issueSession(ctx.state, {
    role,
    sessionName,
    durationSeconds: duration,
    provider: providerArn,
    subject: facts.subject,
    ...(session.compact === undefined ? {} : { sessionPolicy: session.compact }),
    ...(incomingTags === undefined ? {} : { tags: incomingTags.tags, transitiveTagKeys: incomingTags.transitiveTagKeys }),
    ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
    now,
  });
  ctx.logFields['accessKeyId'] = issued.session.accessKeyId;
  if (sourceIdentity !== undefined) ctx.logFields['sourceIdentity'] = sourceIdentity;
  return [
    credentialsXml(issued),
    assumedRoleUserXml(issued.session),
    el('PackedPolicySize', packedSize),
    el('Subject', facts.subject),
    el('SubjectType', facts.subjectType),
    el('Issuer', facts.issuer),
    el('Audience', facts.audience),
    el('NameQualifier', nameQualifier(facts.issuer, account, provider.name)),
    el('SourceIdentity', sourceIdentity),
  ];
}
