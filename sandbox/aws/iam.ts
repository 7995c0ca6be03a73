// The IAM subset the sandbox speaks: inline role policies (Put/Get/Delete/ListRolePolicies) and
// GetRole. Roles are addressed by name within the caller's account.
import { awsTimestamp, type ActionContext, type Params } from './actions';
import { callerAccount, type Caller } from './auth';
import { authorizeSession } from './authorize';
import { limitExceeded, malformedPolicyDocument, noSuchEntity } from './errors';
import { parsePolicy, PolicySyntaxError } from './policy';
import { roleIdOf } from './session-issue';
import { checkInteger, checkString, Violations } from './validation';
import { accountOfArn, roleNameOf, rolePathOf, type WorldRole } from './world';
import { el, type XmlChild } from './xml';

export const IAM_ACTIONS = ['PutRolePolicy', 'DeleteRolePolicy', 'GetRolePolicy', 'ListRolePolicies', 'GetRole'] as const;
export type IamAction = (typeof IAM_ACTIONS)[number];

/** IAM's quota on the total size of a role's inline policies (whitespace not counted). */
const ROLE_INLINE_POLICY_QUOTA = 10240;
const ROLE_NAME_PATTERN_TEXT = '[\\w+=,.@-]+';
const DEFAULT_CREATE_DATE = '2024-01-01T00:00:00Z';

export function isIamAction(action: string): action is IamAction {
  return (IAM_ACTIONS as readonly string[]).includes(action);
}

/** IAM answers policy documents URL-encoded (RFC 3986), as AWS does. */
export function urlEncodePolicy(document: string): string {
  return encodeURIComponent(document).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function findRole(ctx: ActionContext, caller: Caller, roleName: string): WorldRole {
  const account = callerAccount(caller);
  const role = ctx.world.roles.find((r) => accountOfArn(r.arn) === account && roleNameOf(r.arn) === roleName);
  if (role === undefined) throw noSuchEntity(`The role with name ${roleName} cannot be found.`);
  return role;
}

function authorize(ctx: ActionContext, caller: Caller, action: IamAction, role: WorldRole): void {
  // Admin keys may do everything in their account; session keys need the role's policies to allow it.
  if (caller.kind !== 'session') return;
  authorizeSession({
    world: ctx.world,
    state: ctx.state,
    session: caller.session,
    action: `iam:${action}`,
    resource: role.arn,
    now: ctx.now(),
    region: ctx.region,
    sourceIp: ctx.sourceIp,
    mode: 'allow-required',
  });
}

function readRoleName(params: Params, v: Violations): string {
  const roleName = params.get('RoleName');
  checkString(v, roleName, 'roleName', { required: true, min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, patternText: ROLE_NAME_PATTERN_TEXT });
  return roleName ?? '';
}

function readPolicyName(params: Params, v: Violations): string {
  const policyName = params.get('PolicyName');
  checkString(v, policyName, 'policyName', { required: true, min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, patternText: ROLE_NAME_PATTERN_TEXT });
  return policyName ?? '';
}

function policySize(document: string): number {
  return document.replace(/\s/g, '').length;
}

export function iamAction(action: IamAction, params: Params, caller: Caller, ctx: ActionContext): XmlChild[] | undefined {
  const v = new Violations();
  const roleName = readRoleName(params, v);
  switch (action) {
    case 'PutRolePolicy': {
      const policyName = readPolicyName(params, v);
      const document = params.get('PolicyDocument');
      checkString(v, document, 'policyDocument', { required: true, min: 1, max: 131072 });
      v.throwIfAny();
      const role = findRole(ctx, caller, roleName);
      ctx.logFields['roleArn'] = role.arn;
      authorize(ctx, caller, action, role);
      try {
        parsePolicy(document ?? '', 'identity');
      } catch (e) {
        if (e instanceof PolicySyntaxError) throw malformedPolicyDocument(e.message);
        throw e;
      }
      const policies = ctx.state.inlinePolicies(role);
      policies.set(policyName, document ?? '');
      const total = [...policies.values()].reduce((n, d) => n + policySize(d), 0);
      if (total > ROLE_INLINE_POLICY_QUOTA) {
        throw limitExceeded(`Maximum policy size of ${ROLE_INLINE_POLICY_QUOTA} bytes exceeded for role ${roleName}`);
      }
      ctx.state.putInlinePolicy(role, policyName, document ?? '', ctx.now());
      return undefined;
    }
    case 'DeleteRolePolicy': {
      const policyName = readPolicyName(params, v);
      v.throwIfAny();
      const role = findRole(ctx, caller, roleName);
      ctx.logFields['roleArn'] = role.arn;
      authorize(ctx, caller, action, role);
      if (!ctx.state.deleteInlinePolicy(role, policyName, ctx.now())) {
        throw noSuchEntity(`The role policy with name ${policyName} cannot be found.`);
      }
      return undefined;
    }
    case 'GetRolePolicy': {
      const policyName = readPolicyName(params, v);
      v.throwIfAny();
      const role = findRole(ctx, caller, roleName);
      ctx.logFields['roleArn'] = role.arn;
      authorize(ctx, caller, action, role);
      const document = ctx.state.inlinePolicies(role).get(policyName);
      if (document === undefined) throw noSuchEntity(`The role policy with name ${policyName} cannot be found.`);
      return [el('RoleName', roleNameOf(role.arn)), el('PolicyName', policyName), el('PolicyDocument', urlEncodePolicy(document))];
    }
    case 'ListRolePolicies': {
      const marker = params.get('Marker');
      const maxItems = checkInteger(v, params.get('MaxItems'), 'maxItems', { min: 1, max: 1000 }) ?? 100;
      v.throwIfAny();
      const role = findRole(ctx, caller, roleName);
      ctx.logFields['roleArn'] = role.arn;
      authorize(ctx, caller, action, role);
      const names = [...ctx.state.inlinePolicies(role).keys()].sort();
      const start = marker === undefined ? 0 : names.findIndex((n) => n > marker);
      const page = start === -1 ? [] : names.slice(start, start + maxItems);
      const truncated = start !== -1 && start + maxItems < names.length;
      return [
        el('PolicyNames', ...page.map((n) => el('member', n))),
        el('IsTruncated', truncated),
        truncated ? el('Marker', page[page.length - 1]) : undefined,
      ];
    }
    case 'GetRole': {
      v.throwIfAny();
      const role = findRole(ctx, caller, roleName);
      ctx.logFields['roleArn'] = role.arn;
      authorize(ctx, caller, action, role);
      return [
        el(
          'Role',
          el('Path', rolePathOf(role.arn)),
          el('RoleName', roleNameOf(role.arn)),
          el('RoleId', roleIdOf(role)),
          el('Arn', role.arn),
          el('CreateDate', role.createDate === undefined ? DEFAULT_CREATE_DATE : awsTimestamp(new Date(role.createDate))),
          el('AssumeRolePolicyDocument', urlEncodePolicy(JSON.stringify(role.trustPolicy))),
          role.description === '' ? undefined : el('Description', role.description),
          el('MaxSessionDuration', role.maxSessionDuration),
          el('RoleLastUsed'),
        ),
      ];
    }
  }
}

