// Identity-based policy checks for callers using issued session keys: the role's inline policies
// (as changed through IAM) and the session policy passed at issue time, evaluated with the
// session's context (aws:TokenIssueTime, aws:userid, aws:PrincipalArn, …).
import { accessDenied } from './errors';
import { evaluatePolicies, matchingStatements, parsePolicy, type ContextValue, type Policy, type Statement } from './policy';
import type { IssuedSession, SandboxState } from './state';
import { globalKeys } from './trust';
import type { World } from './world';

export interface AuthorizeInput {
  world: World;
  state: SandboxState;
  session: IssuedSession;
  action: string;
  /** The resource ARN, or `*` for actions without one. */
  resource: string;
  now: Date;
  region: string | undefined;
  sourceIp: string;
  /**
   * `deny-only`: only an explicit Deny refuses (GetCallerIdentity); `allow-required`: an Allow
   * from the role's policies (and from the session policy, if any) is needed too.
   */
  mode: 'deny-only' | 'allow-required';
}

export function sessionContextKeys(session: IssuedSession, now: Date, region: string | undefined, sourceIp: string): Record<string, ContextValue> {
  return {
    ...globalKeys(now, region, sourceIp),
    'aws:TokenIssueTime': session.issuedAt,
    'aws:userid': `${session.roleId}:${session.sessionName}`,
    'aws:PrincipalArn': session.roleArn,
    'aws:PrincipalAccount': session.account,
    'aws:PrincipalType': 'AssumedRole',
    // A session assumed with AssumeRole (role chaining) has no federated provider.
    'aws:FederatedProvider': session.provider === '' ? undefined : session.provider,
    'aws:SourceIdentity': session.sourceIdentity,
    'aws:MultiFactorAuthPresent': 'false',
    ...Object.fromEntries(Object.entries(session.tags ?? {}).map(([k, v]) => [`aws:PrincipalTag/${k}`, v])),
  };
}

function rolePolicies(input: AuthorizeInput): Array<Policy & { name: string }> {
  const role = input.world.roles.find((r) => r.arn === input.session.roleArn);
  if (role === undefined) return [];
  // Documents were validated when they entered (world load or PutRolePolicy).
  return [...input.state.inlinePolicies(role).entries()].map(([name, doc]) => ({ ...parsePolicy(doc, 'identity'), name }));
}

/** The policy types a refusal names, in AWS's words ("… with an explicit deny in an identity-based policy"). */
export type RefusingPolicyType = 'identity-based policy' | 'session policy';

export interface SessionEvaluation {
  allowed: boolean;
  explicitDeny: boolean;
  /** What refused it (undefined when allowed). */
  reason?: string;
  policyType?: RefusingPolicyType;
  /** The statements that applied: those of the refusing policy type when refused. */
  matched: Array<{ statement: Statement; policyName: string | undefined }>;
  keys: Record<string, ContextValue>;
}

/** IAM's evaluation for a session's request, with what decided it (DecodeAuthorizationMessage reports it). */
export function evaluateSession(input: AuthorizeInput): SessionEvaluation {
  const keys = sessionContextKeys(input.session, input.now, input.region, input.sourceIp);
  const ctx = { action: input.action, resource: input.resource, keys };
  const identityPolicies = rolePolicies(input);
  const identity = evaluatePolicies(identityPolicies, ctx);
  const identityMatched: SessionEvaluation['matched'] = matchingStatements(identityPolicies, ctx).map((m) => ({ statement: m.statement, policyName: m.policy.name }));
  const deniesOnly = (list: typeof identityMatched) => list.filter((m) => m.statement.effect === 'Deny');
  if (identity === 'ExplicitDeny') {
    return { allowed: false, explicitDeny: true, reason: 'with an explicit deny in an identity-based policy', policyType: 'identity-based policy', matched: deniesOnly(identityMatched), keys };
  }
  const sessionPolicy = input.session.sessionPolicy === undefined ? undefined : parsePolicy(input.session.sessionPolicy, 'session');
  const bySession = sessionPolicy === undefined ? undefined : evaluatePolicies([sessionPolicy], ctx);
  const sessionMatched: SessionEvaluation['matched'] = sessionPolicy === undefined ? [] : matchingStatements([sessionPolicy], ctx).map((m) => ({ statement: m.statement, policyName: undefined }));
  if (bySession === 'ExplicitDeny') {
    return { allowed: false, explicitDeny: true, reason: 'with an explicit deny in a session policy', policyType: 'session policy', matched: deniesOnly(sessionMatched), keys };
  }
  if (input.mode === 'deny-only') return { allowed: true, explicitDeny: false, matched: [...identityMatched, ...sessionMatched], keys };
  if (identity !== 'Allow') {
    return { allowed: false, explicitDeny: false, reason: `because no identity-based policy allows the ${input.action} action`, policyType: 'identity-based policy', matched: [], keys };
  }
  if (bySession !== undefined && bySession !== 'Allow') {
    return { allowed: false, explicitDeny: false, reason: `because no session policy allows the ${input.action} action`, policyType: 'session policy', matched: [], keys };
  }
  return { allowed: true, explicitDeny: false, matched: [...identityMatched, ...sessionMatched], keys };
}

/** AWS's AccessDenied text: "User: <arn> is not authorized to perform: <action> [on resource: <arn>] <reason>". */
export function refusalMessage(input: Pick<AuthorizeInput, 'session' | 'action' | 'resource'>, reason: string): string {
  const onResource = input.resource === '*' ? '' : ` on resource: ${input.resource}`;
  return `User: ${input.session.assumedRoleArn} is not authorized to perform: ${input.action}${onResource} ${reason}`;
}

export function authorizeSession(input: AuthorizeInput): void {
  const result = evaluateSession(input);
  if (!result.allowed) throw accessDenied(refusalMessage(input, result.reason ?? ''));
}
