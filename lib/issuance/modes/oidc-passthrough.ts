// OIDC passthrough: the person's own IdP ID token goes to AWS AssumeRoleWithWebIdentity; AWS
// trusts the IdP, and only Keyport's entitlement check keeps people to their mappings.
import type { Actor } from '@/lib/auth/actor';
import { isAppError } from '@/lib/errors/app-error';
import { deriveRoleSessionName } from '@/lib/identity/derive-role-session-name';
import { oidcTrustSummary } from '@/lib/mappings/trust-policy';
import type { Federation } from '../issuance-types';
import { stsRefusal } from './sts-refusal';
import { webIdentityCall } from './web-identity-call';
import { IssueRefusal } from '../issue-refusal';
import type { IssueDeps } from '../issue-credentials';

/** Only what the person cannot edit at the IdP names their sessions (and is their SourceIdentity). */
export function personSessionName(actor: Actor): string {
  return deriveRoleSessionName({ verifiedEmail: actor.emailVerified ? actor.email : null, sub: actor.sub });
}

export function oidcPassthroughFederation(actor: Actor, deps: IssueDeps): Federation {
  let token = '';
  return {
    sessionName: () => personSessionName(actor),
    // The token may need renewal (or a new sign-in) before anything is recorded.
    prepare: async () => {
      try {
        token = await deps.webIdentityToken();
      } catch (e) {
        if (isAppError(e) && e.status < 500) throw new IssueRefusal('sign-in expired', e);
        throw e;
      }
      return { details: { federationMode: 'passthrough' } };
    },
    call: webIdentityCall(deps.assumeRole, () => token),
    explain: (result, m, partition) =>
      stsRefusal(result, m, oidcTrustSummary({ partition, accountId: m.accountId, issuer: deps.issuer, clientId: deps.clientId }), { mayReauth: true }),
  };
}
