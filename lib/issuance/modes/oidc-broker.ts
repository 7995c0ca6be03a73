// OIDC broker: Keyport is the identity provider AWS trusts. For each issuance it mints a web
// identity token for this one role and person (lib/broker), with session tags and SourceIdentity,
// and calls AssumeRoleWithWebIdentity with it. The IdP's tokens are not used (they only signed
// the person in to Keyport). The token lives in this closure only: never stored, logged or audited.
// What the audit gets instead: the token's subject, its key id, the SourceIdentity and the tags.
import type { Actor } from '@/lib/auth/actor';
import { BrokerTokenRefusal, issueBrokerToken } from '@/lib/broker/issue-broker-token';
import { BrokerKeyError } from '@/lib/broker/parse-broker-keys';
import { TAGGABLE_ATTRIBUTES, type TaggableAttribute } from '@/lib/broker/session-tags';
import { AppError } from '@/lib/errors/app-error';
import { brokerTrustSummary } from '@/lib/mappings/trust-policy';
import type { Federation } from '../issuance-types';
import { stsRefusal } from './sts-refusal';
import { webIdentityCall } from './web-identity-call';
import { IssueRefusal } from '../issue-refusal';
import type { BrokerIssueDeps, IssueDeps } from '../issue-credentials';
import { personSessionName } from './oidc-passthrough';

function taggable(attributes: readonly string[]): TaggableAttribute[] {
  return attributes.filter((a): a is TaggableAttribute => (TAGGABLE_ATTRIBUTES as readonly string[]).includes(a));
}

export function oidcBrokerFederation(actor: Actor, deps: IssueDeps, broker: BrokerIssueDeps | undefined): Federation {
  let token = '';
  const misconfigured = (why: string) =>
    new IssueRefusal('broker misconfigured', new AppError('upstream', `Keyport cannot mint the token AWS trusts for this role (${why}). Nothing was issued. Ask ${deps.supportContact} to check Keyport's broker configuration.`));
  return {
    sessionName: () => personSessionName(actor),
    prepare: async (m) => {
      if (broker === undefined) throw misconfigured('broker mode is not configured: no signing key');
      let keys;
      try {
        keys = await broker.keys();
      } catch (e) {
        if (e instanceof BrokerKeyError) {
          deps.log.error('broker signing keys unavailable', { reason: e.message });
          throw misconfigured('its signing key is unavailable');
        }
        throw e;
      }
      const person = personSessionName(actor);
      try {
        const minted = await issueBrokerToken({
          keys,
          issuer: broker.issuer,
          audience: broker.audience,
          roleArn: m.roleArn,
          tagSource: { person, verifiedEmail: actor.emailVerified ? actor.email : null, mappingId: m.id, name: actor.name, username: actor.username, groups: actor.groups, idpKind: actor.idpKind },
          tagAttributes: taggable(m.sessionTagAttributes),
          now: broker.now?.() ?? new Date(),
        });
        token = minted.token;
        return { details: { federationMode: 'broker', tokenSubject: minted.subject, signingKeyId: minted.kid, sourceIdentity: minted.sourceIdentity, sessionTags: minted.tags } };
      } catch (e) {
        if (e instanceof BrokerTokenRefusal) throw misconfigured(e.message);
        throw e;
      }
    },
    call: webIdentityCall(deps.assumeRole, () => token),
    explain: (result, m, partition) =>
      stsRefusal(result, m, brokerTrustSummary({ partition, accountId: m.accountId, issuer: broker?.issuer ?? '', audience: broker?.audience ?? '', roleArn: m.roleArn }), { mayReauth: false }),
  };
}
