// What the revocation operations need, passed in so tests can use the sandbox AWS directly.
import type { Db } from '@/lib/db/create-client';
import type { Logger } from '@/lib/log/logger';
import type { RoleIam } from './role-iam';

export interface RevocationDeps {
  db: Db;
  iam: RoleIam;
  log: Logger;
  now?: () => Date;
}

export interface RevocationContext {
  requestId: string;
  sourceIp: string | null;
  userAgent: string | null;
}

export interface RevocationView {
  id: string;
  kind: 'ROLE' | 'PERSON';
  revokedBefore: string;
  reason: string;
  roleArns: string[];
  personSub: string | null;
  personLabel: string | null;
  sessionNames: string[];
  policyName: string;
  failures: { roleArn: string; code: string }[];
  createdAt: string;
  createdByName: string;
  liftedAt: string | null;
  liftedByName: string | null;
  liftReason: string | null;
}
