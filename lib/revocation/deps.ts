import 'server-only';
// Wires revocation to the configured IAM (endpoint override, optional role to assume).
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import type { Logger } from '@/lib/log/logger';
import type { RevocationDeps } from './revocation-deps';
import { createRoleIam } from './role-iam';

export function revocationDeps(log: Logger): RevocationDeps {
  const cfg = getConfig();
  return {
    db: getDb(),
    log,
    iam: createRoleIam({ endpoint: cfg.iamEndpoint, revocationRoleName: cfg.revocationRoleName, stsEndpoint: cfg.stsEndpoint }),
  };
}
