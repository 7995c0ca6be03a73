// Parameters shared by AssumeRoleWithWebIdentity and AssumeRoleWithSAML, validated with AWS's
// constraints and messages, then the checks that need the role (existence, MaxSessionDuration).
import { memberList, type Params } from './actions';
import { accessDenied, validationError } from './errors';
import { checkSessionPolicy, type CheckedSessionPolicy } from './session-policy';
import { ARN_PATTERN, ARN_PATTERN_TEXT, checkInteger, checkString, NAME_PATTERN, NAME_PATTERN_TEXT, Violations } from './validation';
import type { World, WorldRole } from './world';

export const DEFAULT_DURATION_SECONDS = 3600;
export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43200;

export interface CommonAssumeParams {
  roleArn: string;
  durationSeconds: number;
  policy: string | undefined;
  policyArns: string[];
}

/** Validates RoleArn, DurationSeconds, Policy and PolicyArns into `v`; returns what parsed. */
export function readCommonParams(params: Params, v: Violations): Partial<CommonAssumeParams> & { policyArns: string[] } {
  const roleArn = params.get('RoleArn');
  checkString(v, roleArn, 'roleArn', { required: true, min: 20, max: 2048, pattern: ARN_PATTERN, patternText: ARN_PATTERN_TEXT });
  const duration = checkInteger(v, params.get('DurationSeconds'), 'durationSeconds', {
    min: MIN_DURATION_SECONDS,
    max: MAX_DURATION_SECONDS,
  });
  const policy = params.get('Policy');
  checkString(v, policy, 'policy', { min: 1 });
  const policyArns = memberList(params, 'PolicyArns', 'arn');
  if (policyArns.length > 10) v.add(undefined, 'policyArns', 'Member must have length less than or equal to 10');
  policyArns.forEach((arn, i) => checkString(v, arn, `policyArns.${i + 1}.member.arn`, { min: 20, max: 2048 }));
  return {
    ...(roleArn === undefined ? {} : { roleArn }),
    durationSeconds: duration ?? DEFAULT_DURATION_SECONDS,
    policy,
    policyArns,
  };
}

export function checkRoleSessionName(v: Violations, name: string | undefined): void {
  checkString(v, name, 'roleSessionName', { required: true, min: 2, max: 64, pattern: NAME_PATTERN, patternText: NAME_PATTERN_TEXT });
}

export interface ResolvedAssume {
  role: WorldRole;
  session: CheckedSessionPolicy;
}

/**
 * The checks after syntax: the role must exist (AccessDenied otherwise — STS does not say
 * whether a role exists), the duration must fit the role, the session policy must be valid.
 */
export function resolveRole(world: World, action: string, common: CommonAssumeParams): ResolvedAssume {
  const role = world.roles.find((r) => r.arn === common.roleArn);
  if (role === undefined) throw accessDenied(`Not authorized to perform sts:${action}`);
  if (common.durationSeconds > role.maxSessionDuration) {
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  return { role, session: checkSessionPolicy(common.policy, common.policyArns) };
}
