import 'server-only';
// Wires issueCredentials to the real database, configuration, session tokens and STS.
import type { Actor } from '@/lib/auth/actor';
import { webIdentityToken } from '@/lib/auth/web-identity-token';
import { auditDeliveryCheck } from '@/lib/audit/sinks/audit-delivery-check';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import type { Logger } from '@/lib/log/logger';
import { assumeRoleWithWebIdentity } from '@/lib/sts/assume-role-with-web-identity';
import type { IssueDeps } from './issue-credentials';

export function issueDeps(actor: Actor, log: Logger): IssueDeps {
  const cfg = getConfig();
  return {
    db: getDb(),
    log,
    issuer: cfg.oidc.issuer,
    clientId: cfg.oidc.clientId,
    globalStsEndpoint: cfg.stsEndpoint,
    rateLimitPerHour: cfg.issueRateLimitPerHour,
    supportContact: cfg.supportContact,
    assertAuditDelivered: auditDeliveryCheck(),
    webIdentityToken: () => webIdentityToken(actor),
    assumeRole: (o) => assumeRoleWithWebIdentity(o),
  };
}
