// SAML broker: Keyport signs its own SAML assertion for AWS (lib/broker/saml-assertion.ts) naming
// exactly this role and the mapping's SAML provider (Keyport's, registered in the role's account),
// with RoleSessionName, SourceIdentity and session tags, and calls AssumeRoleWithSAML — whatever the
// person signed in with. No IdP "AWS application" is involved. The assertion lives in this closure
// only: never stored, logged or audited.
import type { Actor } from '@/lib/auth/actor';
import { awsSigninSamlUrl, brokerSamlResponse } from '@/lib/broker/saml-assertion';
import { buildSessionTags, checkSourceIdentity, SessionTagError, TAGGABLE_ATTRIBUTES, type TaggableAttribute } from '@/lib/broker/session-tags';
import { AppError } from '@/lib/errors/app-error';
import { partitionOfArn } from '@/lib/sts/sts-endpoint';
import type { Federation } from '../issuance-types';
import { stsRefusal } from './sts-refusal';
import { IssueRefusal } from '../issue-refusal';
import type { IssueDeps } from '../issue-credentials';
import { personSessionName } from './oidc-passthrough';

export function samlBrokerFederation(actor: Actor, deps: IssueDeps): Federation {
  let assertion = '';
  const refuse = (why: string) =>
    new IssueRefusal('broker misconfigured', new AppError('upstream', `Keyport cannot sign the SAML assertion AWS trusts for this role (${why}). Nothing was issued. Ask ${deps.supportContact} to check Keyport's SAML broker configuration.`));
  return {
    sessionName: () => personSessionName(actor),
    prepare: async (m) => {
      const saml = deps.brokerSaml;
      if (saml === undefined || deps.assumeRoleWithSaml === undefined) throw refuse('SAML broker mode is not configured: no BROKER_SAML_KEY_FILE / BROKER_SAML_CERT_FILE');
      if (!m.samlProviderArn) throw refuse('the mapping names no IAM SAML provider: set it to Keyport’s SAML provider in the role’s account');
      const person = personSessionName(actor);
      let key;
      try {
        key = await saml.key();
      } catch {
        deps.log.error('SAML broker key unavailable');
        throw refuse('its signing key is unavailable');
      }
      try {
        const tags = buildSessionTags(
          { person, verifiedEmail: actor.emailVerified ? actor.email : null, mappingId: m.id, name: actor.name, username: actor.username, groups: actor.groups, idpKind: actor.idpKind },
          m.sessionTagAttributes.filter((a): a is TaggableAttribute => (TAGGABLE_ATTRIBUTES as readonly string[]).includes(a)),
        );
        const sourceIdentity = checkSourceIdentity(person);
        assertion = brokerSamlResponse({ entityId: saml.entityId, key, roleArn: m.roleArn, providerArn: m.samlProviderArn, sessionName: person, sourceIdentity, tags, partition: partitionOfArn(m.roleArn), now: saml.now?.() ?? new Date() });
        return { details: { federationMode: 'broker-saml', samlIssuer: saml.entityId, samlProviderArn: m.samlProviderArn, sourceIdentity, sessionTags: tags } };
      } catch (e) {
        if (e instanceof SessionTagError) throw refuse(e.message);
        throw e;
      }
    },
    call: ({ m, endpoint, durationSeconds }) =>
      (deps.assumeRoleWithSaml ?? (() => Promise.reject(new Error('no AssumeRoleWithSAML'))))({
        endpoint,
        region: m.stsRegion,
        roleArn: m.roleArn,
        principalArn: m.samlProviderArn ?? '',
        samlAssertion: assertion,
        durationSeconds,
        sessionPolicy: m.sessionPolicy,
        policyArns: m.managedPolicyArns,
      }),
    explain: (result, m, partition) =>
      stsRefusal(
        result,
        m,
        `Federated "${m.samlProviderArn ?? ''}" (Keyport's SAML provider), Actions "sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity", Condition StringEquals "SAML:aud" = "${awsSigninSamlUrl(partition)}"`,
        { mayReauth: false },
      ),
  };
}
