// Before a person is sent to the IdP for an issuance: they signed in through SAML, the mapping
// is theirs (scoped in the query to their groups and IdP kind), serves SAML with a provider ARN,
// and the duration and region are within its bounds. The same checks run again at the ACS.
import type { Actor } from '@/lib/auth/actor';
import type { Db } from '@/lib/db/create-client';
import { findEntitlement, resolveEntitlements } from '@/lib/entitlements/resolve-entitlements';
import { AppError } from '@/lib/errors/app-error';
import { checkRequestBounds } from '@/lib/issuance/check-request-bounds';
import type { IssueRequest } from '@/lib/issuance/issue-credentials';

export async function checkSamlIssuable(opts: { db: Db; actor: Actor; request: IssueRequest }): Promise<void> {
  const { db, actor, request } = opts;
  if (actor.idpKind !== 'SAML') {
    throw new AppError('invalid_input', 'You signed in with OIDC; this role is issued through your OIDC sign-in. Use "Get credentials" on the role page.');
  }
  const mappings = await db.roleMapping.findMany({
    where: { enabled: true, idpGroup: { in: actor.groups }, idpKind: { in: ['SAML', 'BOTH'] } },
    select: { id: true, idpGroup: true, idpKind: true, roleArn: true, enabled: true, maxDurationSeconds: true, allowedRegions: true, samlProviderArn: true },
  });
  const entitlement = findEntitlement(resolveEntitlements({ groups: actor.groups, idpKind: 'SAML', mappings }), request.mappingId);
  if (!entitlement) throw new AppError('forbidden', 'None of your groups gives you this role.');
  const m = entitlement.mapping;
  if (!m.samlProviderArn) throw new AppError('upstream', 'This role has no IAM SAML provider configured in Keyport, so it cannot be issued through SAML. Ask an admin to set the SAML provider ARN of the mapping.');
  checkRequestBounds(request, m);
}
