// Issues temporary AWS credentials for one person and one of their roles, through OIDC
// (`issueCredentials`) or SAML (`issue-credentials-with-saml.ts`); both run the same steps:
//   1. entitlement recomputed from the database and the verified identity (never the client);
//   2. input bounds (duration, region) from the mapping; 3. the per-person quota;
//   4. ISSUE_REQUESTED committed — if it cannot be, nothing is issued;
//   5. STS AssumeRoleWithWebIdentity (or AssumeRoleWithSAML); 6. ISSUE_SUCCEEDED / ISSUE_FAILED
//      committed — if the outcome cannot be recorded, the credentials are withheld (an
//      untraceable key is worse than none).
// Secrets exist only in this function's memory and in the response.
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import type { TemporaryCredentials } from '@/lib/credentials/types';
import { sqlPool, type Db } from '@/lib/db/create-client';
import { findEntitlement, resolveEntitlements } from '@/lib/entitlements/resolve-entitlements';
import { AppError } from '@/lib/errors/app-error';
import { deriveRoleSessionName } from '@/lib/identity/derive-role-session-name';
import type { Logger } from '@/lib/log/logger';
import { oidcTrustSummary } from '@/lib/mappings/trust-policy';
import { consumeIssuanceQuota } from '@/lib/rate-limit/consume-issuance-quota';
import type { StsFailure, StsSuccess } from '@/lib/sts/assume-role-with-web-identity';
import { explainStsError } from '@/lib/sts/explain-sts-error';
import { partitionOfArn, stsEndpoint } from '@/lib/sts/sts-endpoint';
import { checkRequestBounds } from './check-request-bounds';
import type { AuditActor } from '@/lib/audit/append-audit-event';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { observeIssuance, observeStsCall } from '@/lib/metrics/observe';
import { trackInFlight } from '@/lib/shutdown/in-flight';

export { MIN_DURATION_SECONDS } from './check-request-bounds';

export interface IssueRequest {
  mappingId: string;
  durationSeconds: number;
  region: string;
}

export interface IssueContext {
  requestId: string;
  sourceIp: string | null;
  userAgent: string | null;
}

/** What every issuance path needs, whichever federation it uses. */
export interface SharedIssueDeps {
  db: Db;
  log: Logger;
  globalStsEndpoint: string | undefined;
  rateLimitPerHour: number;
  supportContact: string;
}

export interface IssueDeps extends SharedIssueDeps {
  issuer: string;
  clientId: string;
  webIdentityToken: () => Promise<string>;
  assumeRole: (opts: {
    endpoint: string;
    region: string;
    roleArn: string;
    roleSessionName: string;
    webIdentityToken: string;
    durationSeconds: number;
    sessionPolicy?: string | null;
    policyArns?: string[];
  }) => Promise<StsSuccess | StsFailure>;
}

export interface IssuedCredentials {
  credentials: TemporaryCredentials;
  assumedRoleArn: string;
  sessionName: string;
  roleArn: string;
  accountId: string;
  accountLabel: string;
  roleLabel: string;
  region: string;
  durationSeconds: number;
  partition: 'aws' | 'aws-cn' | 'aws-us-gov';
  requestId: string;
  /** Set when the duration granted is shorter than the one asked for, saying why. */
  notice?: string;
}

export type IssuableMapping = {
  id: string;
  idpGroup: string;
  idpKind: 'OIDC' | 'SAML' | 'BOTH';
  roleArn: string;
  enabled: boolean;
  maxDurationSeconds: number;
  accountId: string;
  accountLabel: string;
  roleLabel: string;
  stsRegion: string;
  allowedRegions: string[];
  sessionPolicy: string | null;
  managedPolicyArns: string[];
  stsEndpoint: string | null;
  samlProviderArn: string | null;
};

/** The federation-specific parts of one issuance; everything else is shared. */
export interface Federation {
  /** The RoleSessionName AWS will use (and the audit records). */
  sessionName: (m: IssuableMapping) => string;
  /** The duration to ask AWS for, and a notice when it is shorter than requested. */
  effectiveDuration?: (requested: number, m: IssuableMapping) => { seconds: number; notice?: string };
  /** Runs after the quota and before anything is recorded (token renewal, sign-in checks). */
  prepare: (m: IssuableMapping) => Promise<void>;
  call: (o: { m: IssuableMapping; endpoint: string; sessionName: string; durationSeconds: number }) => Promise<StsSuccess | StsFailure>;
  /** The AppError for an STS refusal, in words the person can act on. */
  explain: (result: StsFailure, m: IssuableMapping, partition: 'aws' | 'aws-cn' | 'aws-us-gov') => AppError;
  /** Extra (non-secret) details for ISSUE_REQUESTED. */
  details?: Record<string, unknown>;
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
            "sts_endpoint" AS "stsEndpoint", "saml_provider_arn" AS "samlProviderArn"
       FROM "role_mappings"
      WHERE "enabled" AND "idp_group" = ANY($1::text[]) AND "idp_kind" = ANY($2::"IdpKind"[])`,
    [actor.groups, [actor.idpKind, 'BOTH']],
  );
  return rows;
}

function auditActor(actor: Actor): AuditActor {
  return { sub: actor.sub, email: actor.email, name: actor.name, groups: actor.groups, idpKind: actor.idpKind };
}

function recordingUnavailable(): AppError {
  return new AppError('unavailable', 'Keyport cannot record this request right now, so it will not issue credentials. Nothing was issued. Try again in a few minutes.');
}

export async function issueCredentials(opts: { actor: Actor; request: IssueRequest; context: IssueContext; deps: IssueDeps }): Promise<IssuedCredentials> {
  const { actor, deps } = opts;
  let token = '';
  return runIssuance({
    ...opts,
    federation: {
      sessionName: () => deriveRoleSessionName({ email: actor.email, preferredUsername: actor.username, sub: actor.sub }),
      // The token may need renewal (or a new sign-in) before anything is recorded.
      prepare: async () => {
        token = await deps.webIdentityToken();
      },
      call: ({ m, endpoint, sessionName, durationSeconds }) =>
        deps.assumeRole({
          endpoint,
          region: m.stsRegion,
          roleArn: m.roleArn,
          roleSessionName: sessionName,
          webIdentityToken: token,
          durationSeconds,
          sessionPolicy: m.sessionPolicy,
          policyArns: m.managedPolicyArns,
        }),
      explain: (result, m, partition) => {
        const why = explainStsError(result.code, {
          roleArn: m.roleArn,
          region: m.stsRegion,
          maxDurationSeconds: m.maxDurationSeconds,
          expectedTrust: oidcTrustSummary({ partition, accountId: m.accountId, issuer: deps.issuer, clientId: deps.clientId }),
        });
        return new AppError(why.appCode, why.message, { detail: { stsErrorCode: result.code, ...(why.reauth ? { reauth: true } : {}) } });
      },
    },
  });
}

type RunIssuanceOptions = { actor: Actor; request: IssueRequest; context: IssueContext; deps: SharedIssueDeps; federation: Federation };

/** The steps every issuance shares, counted and timed (lib/metrics) and tracked for a graceful shutdown. */
export async function runIssuance(opts: RunIssuanceOptions): Promise<IssuedCredentials> {
  const federation = opts.actor.idpKind === 'SAML' ? 'saml' : 'oidc';
  return trackInFlight(() => observeIssuance({ federation, mappingId: opts.request.mappingId }, () => runIssuanceSteps(opts)));
}

/** The steps every issuance shares; `federation` supplies the STS call and its explanations. */
async function runIssuanceSteps(opts: RunIssuanceOptions): Promise<IssuedCredentials> {
  const { actor, request, context, deps, federation } = opts;
  const who = auditActor(actor);

  // 1. Entitlement, scoped in the query to the person's own groups and IdP kind.
  let mappings: IssuableMapping[];
  try {
    mappings = await findIssuableMappings(deps.db, actor);
  } catch (e) {
    deps.log.error('entitlement lookup failed', { error: e });
    throw recordingUnavailable();
  }
  const entitlement = findEntitlement(resolveEntitlements({ groups: actor.groups, idpKind: actor.idpKind, mappings }), request.mappingId);
  if (!entitlement) {
    await recordAuditEvent(deps.db, {
      type: 'ISSUE_DENIED',
      actor: who,
      outcome: 'denied',
      requestId: context.requestId,
      mappingId: /^[0-9a-f-]{36}$/i.test(request.mappingId) ? request.mappingId : null,
      durationSeconds: request.durationSeconds,
      region: request.region,
      sourceIp: context.sourceIp,
      userAgent: context.userAgent,
      details: { reason: 'not entitled' },
    }).catch((e: unknown) => deps.log.error('could not record ISSUE_DENIED', { error: e }));
    throw new AppError('forbidden', `None of your groups gives you this role. If you need it, ask ${deps.supportContact} to map one of your groups to it.`);
  }
  const m: IssuableMapping = entitlement.mapping;

  // 2. Bounds from the mapping; nothing is recorded or called for bad input.
  checkRequestBounds(request, m);

  const sessionName = federation.sessionName(m);
  const partition = partitionOfArn(m.roleArn);
  const granted = federation.effectiveDuration?.(request.durationSeconds, m) ?? { seconds: request.durationSeconds };
  const base = {
    actor: who,
    requestId: context.requestId,
    mappingId: m.id,
    roleArn: m.roleArn,
    accountId: m.accountId,
    sessionName,
    durationSeconds: granted.seconds,
    region: request.region,
    sourceIp: context.sourceIp,
    userAgent: context.userAgent,
  };

  // 3. Quota, per person, shared by every instance.
  let quota;
  try {
    quota = await consumeIssuanceQuota({ db: deps.db, key: `issue:${actor.sub}`, limitPerHour: deps.rateLimitPerHour });
  } catch (e) {
    deps.log.error('quota check failed', { error: e });
    throw recordingUnavailable();
  }
  if (!quota.allowed) {
    await recordAuditEvent(deps.db, { ...base, type: 'ISSUE_RATE_LIMITED', outcome: 'denied', details: { limitPerHour: deps.rateLimitPerHour, retryAfterSeconds: quota.retryAfterSeconds } }).catch(
      (e: unknown) => deps.log.error('could not record ISSUE_RATE_LIMITED', { error: e }),
    );
    throw new AppError('rate_limited', `You have requested credentials ${deps.rateLimitPerHour} times in the last hour, the most Keyport allows. Try again in ${Math.ceil(quota.retryAfterSeconds / 60)} minutes.`, {
      retryAfterSeconds: quota.retryAfterSeconds,
    });
  }

  await federation.prepare(m);

  // 4. Write-ahead: the intent is committed before AWS is asked.
  const intentId = randomUUID();
  try {
    await recordAuditEvent(deps.db, { ...base, type: 'ISSUE_REQUESTED', intentId, details: { viaGroups: entitlement.viaGroups, ...federation.details } });
  } catch (e) {
    deps.log.error('could not record ISSUE_REQUESTED; refusing to issue', { error: e });
    throw recordingUnavailable();
  }

  // 5. STS.
  const endpoint = stsEndpoint({ region: m.stsRegion, partition, mappingOverride: m.stsEndpoint, globalOverride: deps.globalStsEndpoint });
  const result = await observeStsCall(actor.idpKind === 'SAML' ? 'saml' : 'oidc', () => federation.call({ m, endpoint, sessionName, durationSeconds: granted.seconds }));

  // 6. Outcome.
  if (!result.ok) {
    deps.log.warn('STS refused', { code: result.code, stsRequestId: result.stsRequestId, awsMessage: result.awsMessage, roleArn: m.roleArn, attempts: result.attempts });
    try {
      await recordAuditEvent(deps.db, { ...base, type: 'ISSUE_FAILED', outcome: 'failure', intentId, errorCode: result.code, stsRequestId: result.stsRequestId, details: { attempts: result.attempts } });
    } catch (e) {
      deps.log.error('could not record ISSUE_FAILED', { error: e, intentId });
    }
    throw federation.explain(result, m, partition);
  }

  try {
    await recordAuditEvent(deps.db, {
      ...base,
      type: 'ISSUE_SUCCEEDED',
      outcome: 'success',
      intentId,
      accessKeyId: result.credentials.accessKeyId,
      expiresAt: result.credentials.expiration,
      assumedRoleArn: result.assumedRoleArn,
      stsRequestId: result.stsRequestId,
    });
  } catch (e) {
    deps.log.error('could not record ISSUE_SUCCEEDED; withholding the credentials', { error: e, intentId, accessKeyId: result.credentials.accessKeyId });
    throw recordingUnavailable();
  }
  deps.log.info('credentials issued', { roleArn: m.roleArn, accessKeyId: result.credentials.accessKeyId, sessionName, intentId });

  return {
    credentials: result.credentials,
    assumedRoleArn: result.assumedRoleArn,
    sessionName,
    roleArn: m.roleArn,
    accountId: m.accountId,
    accountLabel: m.accountLabel,
    roleLabel: m.roleLabel,
    region: request.region,
    durationSeconds: granted.seconds,
    partition,
    requestId: context.requestId,
    ...(granted.notice ? { notice: granted.notice } : {}),
  };
}
