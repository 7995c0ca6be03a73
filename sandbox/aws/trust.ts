// Role trust policies for federated callers: some Allow statement must name the provider as
// `Principal.Federated`, match the action and have its conditions hold; an explicit Deny wins.
import { awsTimestamp } from './actions';
import { evaluatePolicies, parsePolicy, type ContextValue } from './policy';
import type { WorldRole } from './world';

export interface FederatedTrustRequest {
  role: WorldRole;
  action: 'sts:AssumeRoleWithWebIdentity' | 'sts:AssumeRoleWithSAML';
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
