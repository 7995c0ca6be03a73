// STS AssumeRole: SigV4-signed by the caller (an IAM user's long-term key, or a session the
// sandbox issued — role chaining), as AWS implements it (STS API Reference, AssumeRole:
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html). In order:
//   1. parameters: RoleArn, RoleSessionName, DurationSeconds, Policy/PolicyArns, SourceIdentity,
//      Tags.member.N, TransitiveTagKeys.member.N, with AWS's ValidationError texts;
//   2. the role exists (AccessDenied otherwise), the duration fits its MaxSessionDuration, and a
//      session assuming a role (role chaining) asks for at most one hour — "Role chaining limits
//      your AWS CLI or AWS API role session to a maximum of one hour … if you assume a role using
//      role chaining and provide a DurationSeconds parameter value greater than one hour, the
//      operation fails" (AssumeRole, DurationSeconds) with "The requested DurationSeconds exceeds
//      the 1 hour session limit for roles assumed by role chaining." (AWS knowledge center,
//      iam-role-chaining-limit);
//   3. the calling session's own policies: an explicit deny (Keyport's aws:TokenIssueTime
//      revocation policies) refuses the call; across accounts its identity policies must also
//      allow sts:AssumeRole on the role (IAM User Guide, "Cross account resource access in IAM");
//   4. SourceIdentity: "After you set the source identity, you can't change it. It is present in
//      the request for all actions that are taken by the role and persists across chained role
//      sessions" (AssumeRoleWithWebIdentity response, SourceIdentity; IAM User Guide, "Monitor and
//      control actions taken with assumed roles") — a different value is refused, an absent one
//      is carried over, and the role's trust policy must grant sts:SetSourceIdentity whenever a
//      source identity is present;
//   5. session tags: the caller's transitive tags pass to the new session and "can't be
//      overridden" (IAM User Guide, "Chaining roles with session tags"); request tags need
//      sts:TagSession; the new session's transitive keys are the incoming ones plus
//      TransitiveTagKeys;
//   6. the role's trust policy: Principal {"AWS": role ARN | assumed-role session ARN | account
//      id | arn:aws:iam::<account>:root}, with the caller's aws:PrincipalArn, aws:SourceIdentity,
//      aws:PrincipalTag/* and the request's sts:SourceIdentity, aws:RequestTag/* keys.
import { assertRegionEnabled, memberList, type ActionContext, type Params } from './actions';
import { checkRoleSessionName, readCommonParams, resolveRole, type CommonAssumeParams } from './assume-role-params';
import { callerAccessKeyId, callerAccount, callerArn, callerUserId, type Caller } from './auth';
import { evaluateSession, refusalMessage, sessionContextKeys } from './authorize';
import { accessDenied, invalidParameterValue, validationError } from './errors';
import { evaluatePolicies, parsePolicy, type ContextValue } from './policy';
import { assumedRoleUserXml, credentialsXml, issueSession } from './session-issue';
import { checkPackedSize, checkTags, requestTagKeys, type IncomingTags } from './session-tags';
import { globalKeys } from './trust';
import { checkString, Violations } from './validation';
import { accountOfArn, type WorldRole } from './world';
import { el, type XmlChild } from './xml';

/** AWS's cap on a session assumed with another role session's credentials. */
export const ROLE_CHAINING_MAX_SECONDS = 3600;
export const ROLE_CHAINING_LIMIT_MESSAGE = 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.';
const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/;

function readTags(params: Params, v: Violations): IncomingTags | undefined {
  const tags: Record<string, string> = {};
  for (let i = 1; ; i++) {
    const key = params.get(`Tags.member.${i}.Key`);
    if (key === undefined) break;
    const value = params.get(`Tags.member.${i}.Value`) ?? '';
    checkString(v, key, `tags.${i}.member.key`, { min: 1, max: 128 });
    checkString(v, value, `tags.${i}.member.value`, { max: 256 });
    tags[key] = value;
  }
  const transitive = memberList(params, 'TransitiveTagKeys');
  if (Object.keys(tags).length === 0 && transitive.length === 0) return undefined;
  return { tags, transitiveTagKeys: transitive };
}

/** The names a trust policy may use for the caller: its ARN, its role's ARN, its account. */
function principalNames(caller: Caller): { id: string; aliases: string[] } {
  const account = callerAccount(caller);
  const aliases = [account, `arn:aws:iam::${account}:root`];
  if (caller.kind === 'session') aliases.push(caller.session.roleArn);
  return { id: callerArn(caller), aliases };
}

/** Request keys of a caller who holds no session (an IAM user's long-term key). */
function userKeys(caller: Caller): Record<string, ContextValue> {
  return { 'aws:PrincipalArn': callerArn(caller), 'aws:PrincipalAccount': callerAccount(caller), 'aws:PrincipalType': 'User', 'aws:userid': callerUserId(caller) };
}

function trustDecision(role: WorldRole, action: string, caller: Caller, keys: Record<string, ContextValue>) {
  return evaluatePolicies([parsePolicy(role.trustPolicy, 'trust')], { action, resource: role.arn, principal: { type: 'AWS', ...principalNames(caller) }, keys });
}

export function assumeRole(params: Params, caller: Caller, ctx: ActionContext): XmlChild[] {
  const v = new Violations();
  const common = readCommonParams(params, v);
  const sessionName = params.get('RoleSessionName');
  checkRoleSessionName(v, sessionName);
  const requestedSourceIdentity = params.get('SourceIdentity');
  checkString(v, requestedSourceIdentity, 'sourceIdentity', { min: 2, max: 64, pattern: /^[\w+=,.@-]*$/, patternText: '[\\w+=,.@-]*' });
  const requestTags = readTags(params, v);
  v.throwIfAny();
  const roleArn = common.roleArn ?? '';
  const name = sessionName ?? '';
  ctx.logFields['roleArn'] = roleArn;
  const chained = caller.kind === 'session';
  const commonParams: CommonAssumeParams = { roleArn, durationSeconds: common.durationSeconds ?? 3600, policy: common.policy, policyArns: common.policyArns };

  // 2. The role, its maximum, and the role-chaining cap.
  const { role, session: sessionPolicy } = resolveRole(ctx.world, 'AssumeRole', commonParams);
  if (chained && commonParams.durationSeconds > ROLE_CHAINING_MAX_SECONDS) throw validationError(ROLE_CHAINING_LIMIT_MESSAGE);
  const account = accountOfArn(role.arn);
  assertRegionEnabled(ctx, account);
  const now = ctx.now();

  // 3. The caller's own policies: an explicit deny (a revocation on the caller's role) refuses.
  const crossAccount = callerAccount(caller) !== account;
  const callerPolicies = (mode: 'deny-only' | 'allow-required') => {
    if (caller.kind !== 'session') return; // an IAM user's key: the sandbox's admins may do everything in their account
    const identity = evaluateSession({ world: ctx.world, state: ctx.state, session: caller.session, action: 'sts:AssumeRole', resource: role.arn, now, region: ctx.region, sourceIp: ctx.sourceIp, mode });
    if (!identity.allowed) throw accessDenied(refusalMessage({ session: caller.session, action: 'sts:AssumeRole', resource: role.arn }, identity.reason ?? ''));
  };
  callerPolicies('deny-only');

  // 4. SourceIdentity: set once, then carried along the chain unchanged.
  const inherited = caller.kind === 'session' ? caller.session.sourceIdentity : undefined;
  if (requestedSourceIdentity !== undefined && (!SOURCE_IDENTITY.test(requestedSourceIdentity) || /^aws:/i.test(requestedSourceIdentity))) {
    throw validationError('The source identity must be 2–64 characters of [\\w+=,.@-] and must not start with aws:');
  }
  if (inherited !== undefined && requestedSourceIdentity !== undefined && requestedSourceIdentity !== inherited) {
    // AWS documents that the value cannot be changed, not the error code; InvalidParameterValue is STS's code for a parameter it refuses.
    throw invalidParameterValue(`The source identity of this session is ${inherited}; a chained session cannot change it.`);
  }
  const sourceIdentity = inherited ?? requestedSourceIdentity;

  // 5. Tags: incoming transitive ones first, which the request may not override.
  const incoming: Record<string, string> = {};
  if (caller.kind === 'session') {
    for (const k of caller.session.transitiveTagKeys ?? []) {
      const value = caller.session.tags?.[k];
      if (value !== undefined) incoming[k] = value;
    }
  }
  const requested = requestTags?.tags ?? {};
  for (const k of Object.keys(requested)) {
    if (Object.keys(incoming).some((t) => t.toLowerCase() === k.toLowerCase())) {
      throw invalidParameterValue(`The session tag ${k} is transitive from the calling session and cannot be overridden.`);
    }
  }
  const requestTransitive = requestTags?.transitiveTagKeys ?? [];
  try {
    checkTags(requested, requestTransitive);
  } catch (e) {
    // checkTags speaks InvalidIdentityToken (for tokens); AssumeRole's own parameters are InvalidParameterValue.
    throw invalidParameterValue(e instanceof Error ? e.message : 'Invalid session tags');
  }
  const tags = { ...incoming, ...requested };
  const transitiveTagKeys = [...new Set([...Object.keys(incoming), ...requestTransitive])];
  const tagged = Object.keys(tags).length > 0;
  const packedSize = checkPackedSize((sessionPolicy.compact?.length ?? 0) + commonParams.policyArns.join('').length, tags);

  // 6. The role's trust policy, for each action the request needs.
  const keys: Record<string, ContextValue> = {
    ...(caller.kind === 'session' ? sessionContextKeys(caller.session, now, ctx.region, ctx.sourceIp) : { ...globalKeys(now, ctx.region, ctx.sourceIp), ...userKeys(caller) }),
    'sts:RoleSessionName': name,
    ...requestTagKeys(tagged ? { tags: requested, transitiveTagKeys: requestTransitive } : undefined, sourceIdentity),
  };
  const actions = ['sts:AssumeRole', ...(tagged ? ['sts:TagSession'] : []), ...(sourceIdentity !== undefined ? ['sts:SetSourceIdentity'] : [])];
  for (const action of actions) {
    if (trustDecision(role, action, caller, keys) !== 'Allow') throw accessDenied(`User: ${callerArn(caller)} is not authorized to perform: ${action} on resource: ${role.arn}`);
  }
  // Across accounts, and when the trust policy names only the caller's account (delegating to the
  // account's identity policies), the caller's own policies must allow sts:AssumeRole too (IAM
  // User Guide, "Cross account resource access in IAM").
  const namedDirectly =
    caller.kind === 'session' &&
    evaluatePolicies([parsePolicy(role.trustPolicy, 'trust')], { action: 'sts:AssumeRole', resource: role.arn, principal: { type: 'AWS', id: callerArn(caller), aliases: [caller.session.roleArn] }, keys }) === 'Allow';
  if (crossAccount || !namedDirectly) callerPolicies('allow-required');

  const issued = issueSession(ctx.state, {
    role,
    sessionName: name,
    durationSeconds: commonParams.durationSeconds,
    provider: '',
    subject: callerArn(caller),
    ...(sessionPolicy.compact === undefined ? {} : { sessionPolicy: sessionPolicy.compact }),
    ...(tagged ? { tags, transitiveTagKeys } : {}),
    ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
    chainedFrom: callerAccessKeyId(caller),
    now,
  });
  ctx.logFields['accessKeyId'] = issued.session.accessKeyId;
  ctx.logFields['callerAccessKeyId'] = callerAccessKeyId(caller);
  if (sourceIdentity !== undefined) ctx.logFields['sourceIdentity'] = sourceIdentity;
  return [credentialsXml(issued), assumedRoleUserXml(issued.session), el('PackedPolicySize', packedSize), el('SourceIdentity', sourceIdentity)];
}
