// Identity-based policy checks for callers using issued session keys: the role's inline policies
// (as changed through IAM) and the session policy passed at issue time, evaluated with the
// session's context (aws:TokenIssueTime, aws:userid, aws:PrincipalArn, …).
import { accessDenied } from './errors';
import { evaluatePolicies, parsePolicy, type ContextValue, type Policy } from './policy';
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
    'aws:FederatedProvider': session.provider,
    'aws:SourceIdentity': session.sourceIdentity,
    'aws:MultiFactorAuthPresent': 'false',
    ...Object.fromEntries(Object.entries(session.tags ?? {}).map(([k, v]) => [`aws:PrincipalTag/${k}`, v])),
  };
}

function rolePolicies(input: AuthorizeInput): Policy[] {
  const role = input.world.roles.find((r) => r.arn === input.session.roleArn);
  if (role === undefined) return [];
  // Documents were validated when they entered (world load or PutRolePolicy).
  return [...input.state.inlinePolicies(role).values()].map((doc) => parsePolicy(doc, 'identity'));
}

function refusal(input: AuthorizeInput, reason: string): string {
  const onResource = input.resource === '*' ? '' : ` on resource: ${input.resource}`;
  return `User: ${input.session.assumedRoleArn} is not authorized to perform: ${input.action}${onResource} ${reason}`;
}

export function authorizeSession(input: AuthorizeInput): void {
  const ctx = {
    action: input.action,
    resource: input.resource,
    keys: sessionContextKeys(input.session, input.now, input.region, input.sourceIp),
  };
  const identity = evaluatePolicies(rolePolicies(input), ctx);
  if (identity === 'ExplicitDeny') {
    throw accessDenied(refusal(input, 'with an explicit deny in an identity-based policy'));
  }
  const sessionPolicy = input.session.sessionPolicy === undefined ? undefined : parsePolicy(input.session.sessionPolicy, 'session');
  const bySession = sessionPolicy === undefined ? undefined : evaluatePolicies([sessionPolicy], ctx);
  if (bySession === 'ExplicitDeny') throw accessDenied(refusal(input, 'with an explicit deny in a session policy'));
  if (input.mode === 'deny-only') return;
  if (identity !== 'Allow') {
    throw accessDenied(refusal(input, `because no identity-based policy allows the ${input.action} action`));
  }
  if (bySession !== undefined && bySession !== 'Allow') {
    throw accessDenied(refusal(input, `because no session policy allows the ${input.action} action`));
  }
}
