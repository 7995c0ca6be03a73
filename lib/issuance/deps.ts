import 'server-only';
// Wires the issuance pipeline to the real database, configuration, session tokens and STS.
import type { Actor } from '@/lib/auth/actor';
import { webIdentityToken } from '@/lib/auth/web-identity-token';
import { auditDeliveryCheck } from '@/lib/audit/sinks/audit-delivery-check';
import { readBrokerKeys } from '@/lib/broker/read-broker-keys';
import { readSamlBrokerKey } from '@/lib/broker/read-saml-broker-key';
import { assumeRoleWithSaml } from '@/lib/sts/assume-role-with-saml';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import type { Logger } from '@/lib/log/logger';
import { assumeRoleWithWebIdentity } from '@/lib/sts/assume-role-with-web-identity';
import { assumeRoleChained } from '@/lib/sts/assume-role-chained';
import type { SharedIssueDeps } from './issuance-types';
import type { IssueDeps } from './issue-credentials';

/** The STS deadline and connect timeout (STS_TIMEOUT_MS, STS_CONNECT_TIMEOUT_MS). */
export function stsTimeouts(): { timeoutMs: number; connectTimeoutMs: number } {
  const cfg = getConfig();
  return { timeoutMs: cfg.stsTimeoutMs, connectTimeoutMs: cfg.stsConnectTimeoutMs };
}

/** What every mode needs, from the configuration. */
export function sharedIssueDeps(log: Logger): SharedIssueDeps {
  const cfg = getConfig();
  return {
    db: getDb(),
    log,
    globalStsEndpoint: cfg.stsEndpoint,
    rateLimitPerHour: cfg.issueRateLimitPerHour,
    refusalLimitPerHour: cfg.issueRefusalLimitPerHour,
    supportContact: cfg.supportContact,
    assertAuditDelivered: auditDeliveryCheck(),
    assumeRoleChained: (o) => assumeRoleChained({ ...o, ...stsTimeouts() }),
  };
}

export function issueDeps(actor: Actor, log: Logger): IssueDeps {
  const cfg = getConfig();
  return {
    ...sharedIssueDeps(log),
    federationMode: cfg.federationMode,
    ...(cfg.broker.keys === null ? {} : { broker: { issuer: cfg.broker.issuerUrl, audience: cfg.broker.audience, keys: () => readBrokerKeys(cfg.broker.keys) } }),
    ...(cfg.broker.saml === null
      ? {}
      : { brokerSaml: { entityId: cfg.broker.saml.entityId, key: () => readSamlBrokerKey(cfg.broker.saml ?? { keyFile: '', certFile: '' }) }, assumeRoleWithSaml: (o) => assumeRoleWithSaml({ ...o, ...stsTimeouts() }) }),
    issuer: cfg.oidc.issuer,
    clientId: cfg.oidc.clientId,
    webIdentityToken: () => webIdentityToken(actor),
    assumeRole: (o) => assumeRoleWithWebIdentity({ ...o, ...stsTimeouts() }),
  };
}
