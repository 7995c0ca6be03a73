// The admin and the mapping input the mapping integration tests start from.
import type { Actor } from '@/lib/auth/actor';

export const SECURITY_AUDIT_ROLE = 'arn:aws:iam::111122223333:role/SecurityAudit';

export const testAdmin: Actor = { sessionId: 's', sub: 'sub-adam', idpKind: 'OIDC', email: 'adam@example.com', name: 'Adam', username: 'adam', groups: ['keyport-admins'], roles: ['employee', 'admin'], idTokenExpiresAt: null, emailVerified: true };

export const mappingInput = (group: string, over: Record<string, unknown> = {}) => ({
  idpGroup: group,
  idpKind: 'oidc',
  roleArn: SECURITY_AUDIT_ROLE,
  accountLabel: 'sandbox-dev',
  roleLabel: 'Security audit',
  maxDurationSeconds: 3600,
  stsRegion: 'us-east-1',
  allowedRegions: ['us-east-1'],
  ...over,
});
