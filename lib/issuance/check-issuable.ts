// Steps 1 and 2 of every issuance, and the SAML pre-check before a person is sent to the IdP:
//   1. entitlement — the person's enabled mappings, read from the database scoped to their own
//      groups and IdP kind (never from the client), and no person revocation in force;
//   2. bounds — duration and region against the mapping, and the STS endpoint they lead to.
// Each failure is an IssueRefusal with the words the person reads; the caller records it.
import type { Actor } from '@/lib/auth/actor';
import { sqlPool, type Db } from '@/lib/db/create-client';
import { findEntitlement, resolveEntitlements, servesIdp } from '@/lib/entitlements/resolve-entitlements';
import { explainedError, isAppError, type AppError } from '@/lib/errors/app-error';
import { personRevocationSelect, revocationEmail, revokedExplanation, type PersonRevocationInForce } from '@/lib/revocation/find-person-revocation';
import { partitionOfArn, stsEndpoint } from '@/lib/sts/sts-endpoint';
import { checkRequestBounds } from './check-request-bounds';
import type { IssuableMapping, IssueRequest } from './issuance-types';
import { IssueRefusal } from './issue-refusal';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Issuable {
  mapping: IssuableMapping;
  viaGroups: string[];
  /** The duration and region the person last got this role with (lib/choices), or null. */
  lastChoice: { durationSeconds: number; region: string } | null;
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

const MAPPING_COLUMNS = `m."id", m."idp_group" AS "idpGroup", m."idp_kind" AS "idpKind", m."role_arn" AS "roleArn", m."enabled",
            m."max_duration_seconds" AS "maxDurationSeconds", m."account_id" AS "accountId", m."account_label" AS "accountLabel",
            m."role_label" AS "roleLabel", m."sts_region" AS "stsRegion", coalesce(m."allowed_regions", '{}') AS "allowedRegions",
            m."session_policy" AS "sessionPolicy", coalesce(m."managed_policy_arns", '{}') AS "managedPolicyArns",
            m."sts_endpoint" AS "stsEndpoint", m."saml_provider_arn" AS "samlProviderArn",
            m."federation_mode" AS "federationMode", coalesce(m."session_tag_attributes", '{}') AS "sessionTagAttributes",
            m."chained_role_arn" AS "chainedRoleArn"`;

type EntitlementRow = Omit<IssuableMapping, 'id'> & {
  id: string | null;
  revocation: PersonRevocationInForce | null;
  choiceDurationSeconds: number | null;
  choiceRegion: string | null;
};

/**
 * The enabled mappings of the person's groups that serve their IdP kind, with the choice the person
 * last made for each, and the person revocation in force, if any, in one statement: it runs on
 * every issuance, and each statement costs the portal a socket write and a pool checkout
 * (bench/FINDINGS.md). One row per mapping (the revocation repeated on each), or a single row
 * without a mapping when there is none.
 */
async function findIssuableMappingsAndRevocation(
  db: Db,
  actor: Actor,
): Promise<{ mappings: IssuableMapping[]; revocation: PersonRevocationInForce | null; lastChoices: Map<string, { durationSeconds: number; region: string }> }> {
  // Aliased to IssuableMapping's names; list columns are nullable in Prisma's SQL, so coalesced.
  const { rows } = await sqlPool(db).query<EntitlementRow>(
    `SELECT ${MAPPING_COLUMNS}, to_jsonb(r) AS "revocation",
            c."duration_seconds" AS "choiceDurationSeconds", c."region" AS "choiceRegion"
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (${personRevocationSelect(3, 4)}) AS r ON true
       LEFT JOIN "role_mappings" AS m
         ON m."enabled" AND m."idp_group" = ANY($1::text[]) AND m."idp_kind" = ANY($2::"IdpKind"[])
       LEFT JOIN "issuance_choices" AS c ON c."actor_sub" = $3 AND c."mapping_id" = m."id"`,
    [actor.groups, [actor.idpKind, 'BOTH'], actor.sub, revocationEmail(actor.email)],
  );
  const r = rows[0]?.revocation ?? null;
  const lastChoices = new Map<string, { durationSeconds: number; region: string }>();
  const mappings: IssuableMapping[] = [];
  for (const { revocation: _, choiceDurationSeconds, choiceRegion, id, ...m } of rows) {
    if (id === null) continue;
    mappings.push({ id, ...m });
    if (choiceDurationSeconds !== null && choiceRegion !== null) lastChoices.set(id, { durationSeconds: choiceDurationSeconds, region: choiceRegion });
  }
  return {
    mappings,
    lastChoices,
    // to_jsonb gives the time as text.
    revocation: r ? { ...r, createdAt: new Date(r.createdAt) } : null,
  };
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
  let lastChoices;
  try {
    ({ mappings, revocation, lastChoices } = await findIssuableMappingsAndRevocation(db, actor));
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
    lastChoice: lastChoices.get(m.id) ?? null,
    partition,
    endpoint: stsEndpoint({ region: m.stsRegion, partition, mappingOverride: m.stsEndpoint, globalOverride: opts.globalStsEndpoint }),
  };
}
