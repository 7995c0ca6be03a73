// The issuance pipeline: one order of named steps for every federation mode and channel.
//   1–2. checkIssuable — entitlement from the database and the verified identity, person
//        revocations, duration and region bounds, the STS endpoint;
//   3.   quota — per person, shared by every instance; required audit sinks caught up;
//   4.   federation.prepare — every check of the mode that can fail (ID-token renewal, the
//        assertion's Role pair …);
//        (every refusal up to here is audited as ISSUE_DENIED, see record-refusal.ts)
//   5.   intent — ISSUE_REQUESTED committed before AWS is asked; if it cannot be, nothing is issued;
//   6.   STS — the mode's call;
//   6b.  chain — a chained mapping's second hop: sts:AssumeRole into the target role with the first
//        hop's credentials (chain-hop.ts). Hop 1 is recorded (ISSUE_HOP_SUCCEEDED: its AccessKeyId
//        and request id — AWS created that key, though the person never receives it) before hop 2
//        is asked; a hop 2 refusal or lost answer is the outcome below, naming both hops;
//   7.   outcome — ISSUE_SUCCEEDED (if it cannot be recorded the credentials are withheld: an
//        untraceable key is worse than none), ISSUE_FAILED when AWS definitely refused, or
//        ISSUE_OUTCOME_UNKNOWN when the answer was lost after the request was sent (AWS may have
//        minted a key; AssumeRoleWith* is not idempotent, so it is never retried).
// Secrets exist only in this function's memory and in the response.
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import type { AuditEventInput } from '@/lib/audit/append-audit-event';
import { auditActorOf } from '@/lib/audit/audit-actor';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { rememberIssuanceChoice } from '@/lib/choices/remember-issuance-choice';
import { AppError, explainedError, isAppError } from '@/lib/errors/app-error';
import { observeIssuance, observeStsCall } from '@/lib/metrics/observe';
import { consumeQuota } from '@/lib/rate-limit/consume-quota';
import { trackInFlight } from '@/lib/shutdown/in-flight';
import { auditRefusalNow } from '@/lib/rate-limit/quota-window';
import type { StsFailure } from '@/lib/sts/assume-role-with-web-identity';
import type { StsSuccess } from '@/lib/sts/send-assume-role';
import { chainedDuration, explainChainRefusal, FIRST_HOP_SECONDS, firstHopOf } from './chain-hop';
import { checkIssuable, recordingUnavailable, type Issuable } from './check-issuable';
import type { Federation, IssuableMapping, IssueContext, IssuedCredentials, IssueRequest, SharedIssueDeps } from './issuance-types';
import { IssueRefusal, isIssueRefusal } from './issue-refusal';
import { recordRefusal, refusalEvent, type RefusalEvent } from './record-refusal';

/** The federation is fixed (`federation`) or chosen once the mapping is known (`chooseFederation`). */
type Pipeline = { actor: Actor; request: IssueRequest; context: IssueContext; deps: SharedIssueDeps } & (
  | { federation: Federation; chooseFederation?: undefined }
  | { federation?: undefined; chooseFederation: (m: IssuableMapping) => Federation }
);

/** Steps 1–4: everything that can refuse, before anything is recorded or sent. */
async function admit(p: Pipeline): Promise<{ issuable: Issuable; event: RefusalEvent; federation: Federation; prepared: Record<string, unknown> }> {
  const { actor, request, context, deps } = p;
  let event = refusalEvent(actor, request, context);
  try {
    const issuable = await checkIssuable({ db: deps.db, actor, request, globalStsEndpoint: deps.globalStsEndpoint, supportContact: deps.supportContact });
    const m = issuable.mapping;
    event = { ...event, mappingId: m.id, roleArn: m.roleArn, accountId: m.accountId };
    await takeQuota(p, event);
    await requireAuditDelivered(deps);
    // The mode may depend on the mapping (its override of FEDERATION_MODE).
    const federation = p.chooseFederation ? p.chooseFederation(m) : p.federation;
    if (m.chainedRoleArn && !deps.assumeRoleChained) {
      throw new IssueRefusal('chain misconfigured', new AppError('upstream', `This role is reached through another role (role chaining), which this Keyport cannot do on this channel. Nothing was issued. Ask ${deps.supportContact}.`));
    }
    const prepared = (await federation.prepare(m))?.details ?? {};
    return { issuable, event, federation, prepared };
  } catch (e) {
    if (isIssueRefusal(e)) throw await recordRefusal({ deps, personSub: actor.sub, event, refusal: e });
    // A mode that refused with a plain AppError is still a refusal, and still audited.
    if (isAppError(e) && e.status < 500 && e.code !== 'rate_limited') throw await recordRefusal({ deps, personSub: actor.sub, event, refusal: new IssueRefusal('refused', e) });
    throw e;
  }
}

/** Step 3: the per-person issuance quota. A flood past it is recorded log-scaled, like refusals. */
async function takeQuota(p: Pipeline, event: RefusalEvent): Promise<void> {
  const { actor, deps } = p;
  let quota;
  try {
    quota = await consumeQuota({ db: deps.db, key: `issue:${actor.sub}`, limitPerHour: deps.rateLimitPerHour });
  } catch (e) {
    deps.log.error('quota check failed', { error: e });
    throw recordingUnavailable();
  }
  if (quota.allowed) return;
  if (auditRefusalNow(quota.refusedInSlot)) {
    await recordAuditEvent(deps.db, {
      ...event,
      type: 'ISSUE_RATE_LIMITED',
      outcome: 'denied',
      details: { limit: 'issuances', limitPerHour: deps.rateLimitPerHour, retryAfterSeconds: quota.retryAfterSeconds, refusedInSlot: quota.refusedInSlot },
    }).catch((e: unknown) => deps.log.error('could not record ISSUE_RATE_LIMITED', { error: e }));
  }
  throw explainedError('rate_limited', { key: 'issue.rateLimited', values: { limit: deps.rateLimitPerHour, minutes: Math.ceil(quota.retryAfterSeconds / 60) } }, {
    retryAfterSeconds: quota.retryAfterSeconds,
  });
}

/** Step 3b: required audit sinks caught up (AUDIT_SINK_REQUIRED): fail closed, before anything is recorded or asked of AWS. */
async function requireAuditDelivered(deps: SharedIssueDeps): Promise<void> {
  try {
    await deps.assertAuditDelivered?.();
  } catch (e) {
    if (isAppError(e)) throw new IssueRefusal('sink behind', e);
    throw e;
  }
}

/** What the person reads when AWS's answer was lost after the request was sent. */
function outcomeUnknown(result: StsFailure, requestId: string): AppError {
  return explainedError(
    'upstream',
    { key: 'issue.outcomeUnknown', values: { requestId, stsRequestId: result.stsRequestId ?? '', hasSts: result.stsRequestId ? 'yes' : 'no' } },
    { detail: { stsErrorCode: result.code, outcome: 'unknown' } },
  );
}

/** The pipeline, counted and timed (lib/metrics) and tracked for a graceful shutdown (lib/shutdown). */
export async function runIssuance(p: Pipeline): Promise<IssuedCredentials> {
  return trackInFlight(() => observeIssuance({ federation: federationLabel(p), mappingId: p.request.mappingId }, () => runIssuanceSteps(p)));
}

function federationLabel(p: Pipeline): 'oidc' | 'saml' {
  return p.actor.idpKind === 'SAML' ? 'saml' : 'oidc';
}

async function runIssuanceSteps(p: Pipeline): Promise<IssuedCredentials> {
  const { actor, request, context, deps } = p;
  const who = auditActorOf(actor);
  const { issuable, federation, prepared } = await admit(p);
  const { mapping: m, partition, endpoint } = issuable;

  const sessionName = federation.sessionName(m);
  const chain = m.chainedRoleArn ? { targetRoleArn: m.chainedRoleArn } : null;
  const byMode = federation.effectiveDuration?.(request.durationSeconds, m) ?? { seconds: request.durationSeconds };
  // A chained session lasts at most an hour (chain-hop.ts); the notice says why.
  const granted = chain ? mergeNotice(byMode, chainedDuration(byMode.seconds)) : byMode;
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
    ...(context.channel ? { channel: context.channel } : {}),
  };
  const chainDetails = chain ? { chainedRoleArn: chain.targetRoleArn } : {};

  // 5. Write-ahead: the intent is committed before AWS is asked.
  const intentId = randomUUID();
  try {
    await recordAuditEvent(deps.db, { ...base, type: 'ISSUE_REQUESTED', intentId, details: { viaGroups: issuable.viaGroups, ...federation.details, ...prepared, ...chainDetails } });
  } catch (e) {
    deps.log.error('could not record ISSUE_REQUESTED; refusing to issue', { error: e });
    throw recordingUnavailable();
  }

  // 6. STS: the mode's call (the hub role, when chained: shortest session, no session policies).
  const first = await observeStsCall(federationLabel(p), () =>
    federation.call(chain ? { m: firstHopOf(m), endpoint, sessionName, durationSeconds: FIRST_HOP_SECONDS } : { m, endpoint, sessionName, durationSeconds: granted.seconds }),
  );
  if (!first.ok) {
    await recordStsFailure(p, { base, intentId, result: first, hop: chain ? 1 : null, details: chainDetails });
    throw !first.definite ? outcomeUnknown(first, context.requestId) : federation.explain(first, m, partition);
  }

  // 6b. Role chaining: AssumeRole into the target with the hub session's credentials.
  const { result, hops } = chain
    ? await secondHop(p, { m, targetRoleArn: chain.targetRoleArn, first, endpoint, sessionName, seconds: granted.seconds, base, intentId, brokerTags: 'sessionTags' in prepared })
    : { result: first, hops: null };

  // 7. Outcome. The choice is remembered ("Again: 1 h, eu-west-1") while the outcome is committed,
  // not after it: a preference, so failing to keep it never withholds credentials, and keeping it
  // for a request whose record then fails (the credentials withheld) keeps only what was asked.
  // Written only when it changed (the entitlement read brought the stored one): most people ask
  // again for what they asked last time, and an unchanged row is not worth a durable commit.
  const last = issuable.lastChoice;
  const remembered =
    last?.durationSeconds === request.durationSeconds && last.region === request.region
      ? Promise.resolve()
      : rememberIssuanceChoice(deps.db, { actorSub: actor.sub, mappingId: m.id, durationSeconds: request.durationSeconds, region: request.region }).catch((e: unknown) =>
          deps.log.warn('could not remember the issuance choice', { error: e }),
        );
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
      details: { ...prepared, ...chainDetails, ...(hops ? { hops } : {}) },
    });
  } catch (e) {
    deps.log.error('could not record ISSUE_SUCCEEDED; withholding the credentials', { error: e, intentId, accessKeyId: result.credentials.accessKeyId });
    await remembered;
    throw recordingUnavailable();
  }
  await remembered;
  deps.log.info('credentials issued', { roleArn: chain?.targetRoleArn ?? m.roleArn, accessKeyId: result.credentials.accessKeyId, sessionName, intentId, ...(chain ? { hubAccessKeyId: first.credentials.accessKeyId } : {}) });

  return {
    credentials: result.credentials,
    assumedRoleArn: result.assumedRoleArn,
    sessionName,
    roleArn: chain?.targetRoleArn ?? m.roleArn,
    accountId: chain ? (chain.targetRoleArn.split(':')[4] ?? m.accountId) : m.accountId,
    accountLabel: m.accountLabel,
    roleLabel: m.roleLabel,
    region: request.region,
    durationSeconds: granted.seconds,
    partition,
    requestId: context.requestId,
    ...(granted.notice ? { notice: granted.notice } : {}),
    ...(chain ? { chainedFrom: { roleArn: m.roleArn } } : {}),
  };
}

/**
 * Step 6b: the first hop is recorded (AWS created its key: ISSUE_HOP_SUCCEEDED, before anything
 * else is asked — if it cannot be, nothing more is), then sts:AssumeRole into the target, signed with
 * the hub session, with the person's session name and SourceIdentity and the mapping's session
 * policies. A refusal or a lost answer is the outcome, naming the first hop.
 */
async function secondHop(
  p: Pipeline,
  o: { m: IssuableMapping; targetRoleArn: string; first: StsSuccess; endpoint: string; sessionName: string; seconds: number; base: Omit<AuditEventInput, 'type'> & { roleArn: string }; intentId: string; brokerTags: boolean },
): Promise<{ result: StsSuccess; hops: Array<Record<string, unknown>> }> {
  const { deps, context } = p;
  const { m, first, intentId } = o;
  const hop1 = { hop: 1, roleArn: m.roleArn, accessKeyId: first.credentials.accessKeyId, stsRequestId: first.stsRequestId, assumedRoleArn: first.assumedRoleArn, expiresAt: first.credentials.expiration.toISOString() };
  try {
    await recordAuditEvent(deps.db, {
      ...o.base,
      type: 'ISSUE_HOP_SUCCEEDED',
      outcome: 'success',
      intentId,
      accessKeyId: first.credentials.accessKeyId,
      expiresAt: first.credentials.expiration,
      assumedRoleArn: first.assumedRoleArn,
      stsRequestId: first.stsRequestId,
      details: { ...hop1, nextRoleArn: o.targetRoleArn, why: 'the first hop of a chained mapping: its key signs the second hop and never reaches the person' },
    });
  } catch (e) {
    deps.log.error('could not record the first hop; not chaining', { error: e, intentId, accessKeyId: first.credentials.accessKeyId });
    throw recordingUnavailable();
  }
  const assumeRoleChained = deps.assumeRoleChained;
  if (!assumeRoleChained) throw recordingUnavailable(); // admit() refused such a mapping already
  const second = await observeStsCall(federationLabel(p), () =>
    assumeRoleChained({
      endpoint: o.endpoint,
      region: m.stsRegion,
      credentials: { accessKeyId: first.credentials.accessKeyId, secretAccessKey: first.credentials.secretAccessKey, sessionToken: first.credentials.sessionToken },
      roleArn: o.targetRoleArn,
      roleSessionName: o.sessionName,
      sourceIdentity: o.sessionName,
      durationSeconds: o.seconds,
      sessionPolicy: m.sessionPolicy,
      policyArns: m.managedPolicyArns,
    }),
  );
  if (!second.ok) {
    await recordStsFailure(p, { base: o.base, intentId, result: second, hop: 2, details: { chainedRoleArn: o.targetRoleArn, firstHop: hop1 } });
    throw !second.definite ? outcomeUnknown(second, context.requestId) : explainChainRefusal(second, { ...m, chainedRoleArn: o.targetRoleArn }, { brokerTags: o.brokerTags });
  }
  const hop2 = { hop: 2, roleArn: o.targetRoleArn, accessKeyId: second.credentials.accessKeyId, stsRequestId: second.stsRequestId, assumedRoleArn: second.assumedRoleArn, sourceIdentity: o.sessionName };
  return { result: second, hops: [hop1, hop2] };
}

/** Two duration limits in a row: the shorter wins, and every reason is kept. */
function mergeNotice(first: { seconds: number; notice?: string }, then: { seconds: number; notice?: string }): { seconds: number; notice?: string } {
  const notice = [first.notice, then.notice].filter(Boolean).join(' ');
  return { seconds: then.seconds, ...(notice ? { notice } : {}) };
}

/** Step 7 for a failed STS call: ISSUE_FAILED (AWS refused) or ISSUE_OUTCOME_UNKNOWN (the answer was lost). */
async function recordStsFailure(
  p: Pipeline,
  o: { base: Omit<AuditEventInput, 'type'> & { roleArn: string }; intentId: string; result: StsFailure; hop: 1 | 2 | null; details: Record<string, unknown> },
): Promise<void> {
  const { deps } = p;
  const { result } = o;
  const unknown = !result.definite;
  deps.log.warn(unknown ? 'STS answer lost after sending' : 'STS refused', { code: result.code, stsRequestId: result.stsRequestId, awsMessage: result.awsMessage, roleArn: o.base.roleArn, attempts: result.attempts, ...(o.hop ? { hop: o.hop } : {}) });
  try {
    await recordAuditEvent(deps.db, {
      ...o.base,
      type: unknown ? 'ISSUE_OUTCOME_UNKNOWN' : 'ISSUE_FAILED',
      outcome: unknown ? 'unknown' : 'failure',
      intentId: o.intentId,
      errorCode: result.code,
      stsRequestId: result.stsRequestId,
      details: {
        attempts: result.attempts,
        ...o.details,
        ...(o.hop ? { hop: o.hop } : {}),
        ...(unknown ? { why: o.hop === 2 ? 'the role-chaining request (hop 2) reached AWS, its answer did not reach Keyport' : 'the request reached AWS, its answer did not reach Keyport' } : {}),
      },
    });
  } catch (e) {
    deps.log.error('could not record the STS outcome', { error: e, intentId: o.intentId });
  }
}

/** A refusal that happened before the pipeline could run (input the route could not parse). */
export async function refuseIssueInput(opts: { actor: Actor; error: Error; context: IssueContext; deps: SharedIssueDeps }): Promise<Error> {
  if (!isAppError(opts.error) || (opts.error.code !== 'invalid_input' && opts.error.code !== 'too_large')) return opts.error;
  return recordRefusal({
    deps: opts.deps,
    personSub: opts.actor.sub,
    event: { ...refusalEvent(opts.actor, {}, opts.context), details: { fields: opts.error.extra.fields ?? {} } },
    refusal: new IssueRefusal('invalid input', opts.error),
  });
}
