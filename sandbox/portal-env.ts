// The configuration the sandbox hands the portal: its URL, database, IdPs and AWS. One place, so
// `npm start` (one or several instances) and the e2e tests that start more instances agree.
import path from 'node:path';
import type { World } from './aws/world';
import { sandboxAuditSigningKey, type SandboxSettings } from './settings';

export function sandboxPortalEnv(opts: {
  s: SandboxSettings;
  env: Record<string, string | undefined>;
  databaseUrl: string;
  samlMetadataUrl: string;
  awsUrl: string;
  world: Pick<World, 'iamAdmins'>;
}): Record<string, string> {
  const { s, env } = opts;
  const admin = opts.world.iamAdmins[0];
  return {
    KEYPORT_SANDBOX: '1',
    KEYPORT_URL: s.portalUrl,
    PORT: String(s.portalPort),
    DATABASE_URL: opts.databaseUrl,
    AUTH_SECRET: s.authSecret,
    OIDC_ISSUER: s.oidcIssuer,
    OIDC_CLIENT_ID: s.oidcClientId,
    OIDC_CLIENT_SECRET: s.oidcClientSecret,
    OIDC_SCOPES: env.OIDC_SCOPES ?? 'openid email profile groups offline_access',
    OIDC_DISPLAY_NAME: env.OIDC_DISPLAY_NAME ?? 'Keyport sandbox IdP',
    SAML_IDP_METADATA_URL: opts.samlMetadataUrl,
    SAML_DISPLAY_NAME: env.SAML_DISPLAY_NAME ?? 'Keyport sandbox SAML IdP',
    // Keyport is the identity broker the sandbox AWS trusts (its keys are in the data folder).
    FEDERATION_MODE: env.FEDERATION_MODE || 'broker',
    BROKER_ISSUER_URL: s.brokerIssuer,
    BROKER_KEYS_FILE: s.brokerKeysFile,
    BROKER_SAML_KEY_FILE: s.samlBrokerKeyFile,
    BROKER_SAML_CERT_FILE: s.samlBrokerCertFile,
    STS_ENDPOINT: opts.awsUrl,
    FEDERATION_ENDPOINT: `${opts.awsUrl}/federation`,
    IAM_ENDPOINT: opts.awsUrl,
    ADMIN_GROUPS: env.ADMIN_GROUPS ?? 'keyport-admins',
    AUDITOR_GROUPS: env.AUDITOR_GROUPS ?? 'security-reviewers',
    SUPPORT_CONTACT: env.SUPPORT_CONTACT ?? 'the sandbox admin (adam)',
    // Every demo browser and test comes from one loopback address, and demo people are refused
    // on purpose: the per-address and per-person limits are set higher than production's.
    SAML_RATE_LIMIT_PER_HOUR: env.SAML_RATE_LIMIT_PER_HOUR ?? '5000',
    ISSUE_REFUSAL_LIMIT_PER_HOUR: env.ISSUE_REFUSAL_LIMIT_PER_HOUR ?? '300',
    AUDIT_SIGNING_KEY: env.AUDIT_SIGNING_KEY || sandboxAuditSigningKey(s),
    // The sandbox's audit also goes to a JSON Lines file, as a SIEM would receive it.
    AUDIT_SINKS: env.AUDIT_SINKS ?? 'file',
    AUDIT_SINK_FILE_PATH: env.AUDIT_SINK_FILE_PATH ?? path.join(s.dataDir, 'audit-sink.jsonl'),
    // The sandbox AWS accepts these like an instance role in AWS: Keyport assumes with them the
    // revocation and decoder roles each sandbox account has (world.json), as in production.
    ...(admin ? { AWS_ACCESS_KEY_ID: admin.accessKeyId, AWS_SECRET_ACCESS_KEY: admin.secretAccessKey } : {}),
    REVOCATION_ROLE_NAME: env.REVOCATION_ROLE_NAME ?? 'KeyportRevocation',
    DECODER_ROLE_NAME: env.DECODER_ROLE_NAME ?? 'KeyportDecoder',
    AWS_REGION: 'us-east-1',
  };
}
