// Steps 1 and 2 of every issuance, and the SAML pre-check before a person is sent to the IdP:
//   1. entitlement — the person's enabled mappings, read from the database scoped to their own
//      groups and IdP kind (never from the client), and no person revocation in force;
//   2. bounds — duration and region against the mapping, and the STS endpoint they lead to.
// Each failure is an IssueRefusal with the words the person reads; the caller records it.
import type { Actor } from '@/lib/auth/actor';
import { sqlPool, type Db } from '@/lib/db/create-client';
import { findEntitlement, resolveEntitlements, servesIdp } from '@/lib/entitlements/resolve-entitlements';
import { explainedError, isAppError, type AppError } from '@/lib/errors/app-error';
import { findPersonRevocation, revokedExplanation } from '@/lib/revocation/find-person-revocation';
import { partitionOfArn, stsEndpoint } from '@/lib/sts/sts-endpoint';
import { checkRequestBounds } from './check-request-bounds';
import type { IssuableMapping, IssueRequest } from './issuance-types';
import { IssueRefusal } from './issue-refusal';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Issuable {
  mapping: IssuableMapping;
  viaGroups: string[];
  partition: 'aws' | 'aws-cn' | 'aws-us-gov';
  endpoint: string;
}

export function recordingUnavailable(): AppError {
  return explainedError('unavailable', { key: 'issue.recordingUnavailable' });
}

/** The mapping id as the audit may record it (a malformed one is not a mapping id). */
export function auditableMappingId(id: string): string | null {
  return UUID.test(id) ? id : null;
}

/**
 * The enabled mappings of the person's groups that serve their IdP kind. Plain SQL on the pool:
 * it runs on every issuance, where Prisma's per-call CPU shows.
 */
async function findIssuableMappings(db: Db, actor: Actor): Promise<IssuableMapping[]> {
  // Aliased to IssuableMapping's names; list columns are nullable in Prisma's SQL, so coalesced.
  const { rows } = await sqlPool(db).query<IssuableMapping>(
    `SELECT "id", "idp_group" AS "idpGroup", "idp_kind" AS "idpKind", "role_arn" AS "roleArn", "enabled",
            "max_duration_seconds" AS "maxDurationSeconds", "account_id" AS "accountId", "account_label" AS "accountLabel",
            "role_label" AS "roleLabel", "sts_region" AS "stsRegion", coalesce("allowed_regions", '{}') AS "allowedRegions",
            "session_policy" AS "sessionPolicy", coalesce("managed_policy_arns", '{}') AS "managedPolicyArns",
            "sts_endpoint" AS "stsEndpoint", "saml_provider_arn" AS "samlProviderArn",
            "federation_mode" AS "federationMode", coalesce("session_tag_attributes", '{}') AS "sessionTagAttributes"
       FROM "role_mappings"
      WHERE "enabled" AND "idp_group" = ANY($1::text[]) AND "idp_kind" = ANY($2::"IdpKind"[])`,
    [actor.groups, [actor.idpKind, 'BOTH']],
  );
  return rows;
}

/** Why a mapping the person asked for is not theirs to use, in words (only on the refusal path). */
async function whyNotEntitled(db: Db, actor: Actor, mappingId: string, supportContact: string): Promise<IssueRefusal> {
  const notEntitled = new IssueRefusal(
    'not entitled',
    explainedError('forbidden', { key: 'issue.notEntitled', values: { contact: supportContact } }),
  );
  if (!UUID.test(mappingId)) return notEntitled;
  const { rows } = await sqlPool(db).query<{ idpGroup: string; idpKind: 'OIDC' | 'SAML' | 'BOTH'; enabled: boolean }>(
    `SELECT "idp_group" AS "idpGroup", "idp_kind" AS "idpKind", "enabled" FROM "role_mappings" WHERE "id" = $1::uuid AND "idp_group" = ANY($2::text[])`,
    [mappingId, actor.groups],
  );
  const m = rows[0];
  if (!m) return notEntitled;
  if (!m.enabled) return new IssueRefusal('mapping disabled', explainedError('forbidden', { key: 'issue.mappingDisabled', values: { contact: supportContact } }));
  if (!servesIdp(m.idpKind, actor.idpKind)) {
    const other = actor.idpKind === 'OIDC' ? 'SAML' : 'OIDC';
    return new IssueRefusal('wrong sign-in', explainedError('forbidden', { key: 'issue.wrongSignIn', values: { kind: other } }, { detail: { needsSignIn: other.toLowerCase() } }));
  }
  return notEntitled;
}

export async function checkIssuable(opts: { db: Db; actor: Actor; request: IssueRequest; globalStsEndpoint: string | undefined; supportContact: string }): Promise<Issuable> {
  const { db, actor, request } = opts;
  let mappings: IssuableMapping[];
  let revocation;
  try {
    [mappings, revocation] = await Promise.all([findIssuableMappings(db, actor), findPersonRevocation(db, { sub: actor.sub, email: actor.email })]);
  } catch {
    throw recordingUnavailable();
  }
  if (revocation) throw new IssueRefusal('revoked', explainedError('forbidden', revokedExplanation(revocation, opts.supportContact)), { revocationId: revocation.id });
  const entitlement = findEntitlement(resolveEntitlements({ groups: actor.groups, idpKind: actor.idpKind, mappings }), request.mappingId);
  if (!entitlement) {
    let refusal: IssueRefusal;
    try {
      refusal = await whyNotEntitled(db, actor, request.mappingId, opts.supportContact);
    } catch {
      throw recordingUnavailable();
    }
    throw refusal;
  }
  const m = entitlement.mapping;
  try {
    checkRequestBounds(request, m);
  } catch (e) {
    if (isAppError(e)) throw new IssueRefusal('out of bounds', e);
    throw e;
  }
  const partition = partitionOfArn(m.roleArn);
  return {
    mapping: m,
    viaGroups: entitlement.viaGroups,
    partition,
    endpoint: stsEndpoint({ region: m.stsRegion, partition, mappingOverride: m.stsEndpoint, globalOverride: opts.globalStsEndpoint }),
  };
}
