// Role trust policies for federated callers: some Allow statement must name the provider as
// `Principal.Federated`, match the action and have its conditions hold; an explicit Deny wins.
import { awsTimestamp } from './actions';
import { evaluatePolicies, parsePolicy, type ContextValue } from './policy';
import type { WorldRole } from './world';

export interface FederatedTrustRequest {
  role: WorldRole;
  action: 'sts:AssumeRoleWithWebIdentity' | 'sts:AssumeRoleWithSAML' | 'sts:TagSession' | 'sts:SetSourceIdentity';
  providerArn: string;
  keys: Record<string, ContextValue>;
}

export function trustAllows(req: FederatedTrustRequest): boolean {
  const policy = parsePolicy(req.role.trustPolicy, 'trust');
  return evaluatePolicies([policy], {
    action: req.action,
    resource: req.role.arn,
    principal: { type: 'Federated', id: req.providerArn },
    keys: req.keys,
  }) === 'Allow';
}

/** Global condition keys present in every request. */
export function globalKeys(now: Date, region: string | undefined, sourceIp: string): Record<string, ContextValue> {
  return {
    'aws:CurrentTime': awsTimestamp(now),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'aws:RequestedRegion': region ?? 'us-east-1',
    'aws:SourceIp': sourceIp.replace(/^::ffff:/, ''),
    'aws:SecureTransport': 'false',
  };
}

/**
 * The federated actions a request needs the trust policy to allow: the AssumeRole* action, plus
 * sts:TagSession when it carries session tags and sts:SetSourceIdentity when it carries a source
 * identity (IAM User Guide, "Permissions required to add session tags" and "Permissions required
 * to set source identity"). Returns the first action refused, or undefined when all are allowed.
 */
export function firstRefusedAction(
  req: Omit<FederatedTrustRequest, 'action'> & { action: 'sts:AssumeRoleWithWebIdentity' | 'sts:AssumeRoleWithSAML'; tagged: boolean; sourceIdentity: boolean },
): string | undefined {
  const actions = [req.action, ...(req.tagged ? (['sts:TagSession'] as const) : []), ...(req.sourceIdentity ? (['sts:SetSourceIdentity'] as const) : [])];
  return actions.find((action) => !trustAllows({ role: req.role, action, providerArn: req.providerArn, keys: req.keys }));
}
