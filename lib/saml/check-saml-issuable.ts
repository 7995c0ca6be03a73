// Before a person is sent to the IdP for an issuance: they signed in through SAML, and the
// pipeline's own first steps pass (entitlement, revocation, bounds — check-issuable.ts, the one
// implementation), and the mapping has an IAM SAML provider. The same checks run again at the ACS.
// Every refusal is recorded like any other issuance refusal.
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors/app-error';
import { checkIssuable } from '@/lib/issuance/check-issuable';
import type { IssueContext, IssueRequest, SharedIssueDeps } from '@/lib/issuance/issuance-types';
import { IssueRefusal, isIssueRefusal } from '@/lib/issuance/issue-refusal';
import { recordRefusal, refusalEvent } from '@/lib/issuance/record-refusal';

export async function checkSamlIssuable(opts: { actor: Actor; request: IssueRequest; context: IssueContext; deps: SharedIssueDeps }): Promise<void> {
  const { actor, request, deps } = opts;
  try {
    if (actor.idpKind !== 'SAML') {
      throw new IssueRefusal('wrong sign-in', new AppError('invalid_input', 'You signed in with OIDC; this role is issued through your OIDC sign-in. Use "Get credentials" on the role page.'));
    }
    const { mapping: m } = await checkIssuable({ db: deps.db, actor, request, globalStsEndpoint: deps.globalStsEndpoint, supportContact: deps.supportContact });
    if (!m.samlProviderArn) {
      throw new IssueRefusal(
        'saml misconfigured',
        new AppError('upstream', `This role has no IAM SAML provider configured in Keyport, so it cannot be issued through SAML. Ask ${deps.supportContact} to set the SAML provider ARN of the mapping.`),
      );
    }
  } catch (e) {
    if (isIssueRefusal(e)) throw await recordRefusal({ deps, personSub: actor.sub, event: refusalEvent(actor, request, opts.context), refusal: e });
    throw e;
  }
}
