// Every setting Keyport reads, validated in one place. Pure: takes an env-like record, returns a
// typed Config or throws ConfigError naming each problem. `.env.example` documents each variable.
import { z } from 'zod';
import { DEFAULT_SUPPORT_CONTACT } from './default-support-contact';
import { auditSettings, auditSettingsShape, type AuditSettings } from './audit-settings';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Keyport configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const list = (fallback: string[]) =>
  z
    .string()
    .optional()
    .transform((v) =>
      v === undefined || v.trim() === ''
        ? fallback
        : v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    );

const url = (name: string) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        return false;
      }
    }, `${name} must be an http(s) URL`);

const optionalUrl = (name: string) => z.preprocess((v) => (v === '' ? undefined : v), url(name).optional());

const positiveInt = (fallback: number, min: number, max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? fallback : Number(v)),
    z.number().int().min(min).max(max),
  );

const rawSchema = z.object({
  NODE_ENV: z.string().optional(),
  KEYPORT_SANDBOX: z.string().optional(),
  KEYPORT_URL: optionalUrl('KEYPORT_URL'),
  PORT: positiveInt(3000, 1, 65535),
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().startsWith('postgres').optional()),
  AUTH_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional()),
  OIDC_ISSUER: optionalUrl('OIDC_ISSUER'),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_SCOPES: z.string().default('openid email profile'),
  OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  IDP_GROUP_PATHS: z.enum(['exact', 'strip']).default('exact'),
  OIDC_DISPLAY_NAME: z.string().min(1).default('Company IdP'),
  SAML_IDP_METADATA_URL: optionalUrl('SAML_IDP_METADATA_URL'),
  SAML_IDP_METADATA_FILE: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  SAML_IDP_ENTITY_ID: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  SAML_IDP_SSO_URL: optionalUrl('SAML_IDP_SSO_URL'),
  SAML_IDP_CERT: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  SAML_SP_ENTITY_ID: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  SAML_GROUPS_ATTRIBUTE: z.string().min(1).default('groups'),
  SAML_DISPLAY_NAME: z.string().min(1).default('Company IdP (SAML)'),
  SAML_ALLOW_IDP_INITIATED: z.enum(['true', 'false', '1', '0', '']).default('false'),
  SAML_AWS_ENTITY_ID: z.string().min(1).default('urn:amazon:webservices'),
  SAML_MATCH_ATTRIBUTE: z.enum(['email', 'username', 'nameid']).default('email'),
  STS_ENDPOINT: optionalUrl('STS_ENDPOINT'),
  FEDERATION_ENDPOINT: optionalUrl('FEDERATION_ENDPOINT'),
  IAM_ENDPOINT: optionalUrl('IAM_ENDPOINT'),
  STS_TIMEOUT_MS: positiveInt(15_000, 1_000, 120_000),
  STS_CONNECT_TIMEOUT_MS: positiveInt(3_000, 100, 60_000),
  REVOCATION_ROLE_NAME: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[\w+=,.@-]{1,64}$/, 'REVOCATION_ROLE_NAME must be an IAM role name').optional()),
  DECODER_ROLE_NAME: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[\w+=,.@-]{1,64}$/, 'DECODER_ROLE_NAME must be an IAM role name').optional()),
  AUDIT_RETENTION_MONTHS: positiveInt(0, 0, 1200),
  AUDIT_INTENT_TIMEOUT_SECONDS: positiveInt(300, 30, 86_400),
  ADMIN_GROUPS: list([]),
  AUDITOR_GROUPS: list([]),
  SUPPORT_CONTACT: z.string().default(DEFAULT_SUPPORT_CONTACT),
  SESSION_MAX_AGE_HOURS: positiveInt(12, 1, 24 * 30),
  ISSUE_RATE_LIMIT_PER_HOUR: positiveInt(60, 1, 100_000),
  ISSUE_REFUSAL_LIMIT_PER_HOUR: positiveInt(30, 1, 100_000),
  SAML_RATE_LIMIT_PER_HOUR: positiveInt(300, 1, 1_000_000),
  CLI_DEVICE_RATE_LIMIT_PER_HOUR: positiveInt(60, 1, 1_000_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  TRUSTED_PROXY_HOPS: positiveInt(0, 0, 10),
  // Set by server/keyport-server.mjs for its own process (random each start), never by hand.
  KEYPORT_PEER_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[A-Za-z0-9_-]{32,}$/, 'KEYPORT_PEER_TOKEN is set by the server entry; do not set it').optional()),
  KEYPORT_TLS_CERT_FILE: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  KEYPORT_TLS_KEY_FILE: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  ...auditSettingsShape,
  // Operations (issue #19): metrics and graceful shutdown.
  METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[\x21-\x7e]{32,}$/, 'METRICS_TOKEN must be at least 32 printable characters without spaces').optional()),
  SHUTDOWN_DELAY_SECONDS: positiveInt(0, 0, 300),
  SHUTDOWN_GRACE_SECONDS: positiveInt(25, 1, 3600),
  FEDERATION_MODE: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['broker', 'passthrough']).default('passthrough')),
  BROKER_ISSUER_URL: optionalUrl('BROKER_ISSUER_URL'),
  BROKER_AUDIENCE: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).max(255).default('sts.amazonaws.com')),
  BROKER_SIGNING_KEY: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  BROKER_KEYS_FILE: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  BROKER_SAML_KEY_FILE: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  BROKER_SAML_CERT_FILE: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  BROKER_SAML_ENTITY_ID: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
});

export type Config = {
  mode: 'sandbox' | 'configured';
  production: boolean;
  publicUrl: string;
  secureCookies: boolean;
  port: number;
  databaseUrl: string;
  authSecret: string;
  oidc: {
    issuer: string;
    clientId: string;
    clientSecret: string;
    scopes: string;
    groupsClaim: string;
    /** Keycloak-style group paths (`/eng/oncall`): matched exactly, or stripped to the last segment. */
    groupPaths: 'exact' | 'strip';
    displayName: string;
  };
  /** False when only SAML is configured; `oidc` then holds empty values and is not used. */
  oidcEnabled: boolean;
  saml: SamlConfig | null;
  stsEndpoint: string | undefined;
  /** Deadline for one whole STS AssumeRoleWith* call, retries included (lib/sts/send-assume-role.ts). */
  stsTimeoutMs: number;
  /** Deadline for the TCP connection to STS (DNS included); below stsTimeoutMs. */
  stsConnectTimeoutMs: number;
  federationEndpoint: string | undefined;
  /** IAM endpoint override (the sandbox AWS); default: the SDK's. Used by revocation only. */
  iamEndpoint: string | undefined;
  /** Role assumed in the target account to put revocation policies; unset: the server's own credentials. */
  revocationRoleName: string | undefined;
  /**
   * Role assumed in the account of an encoded authorization failure message to decode it
   * (sts:DecodeAuthorizationMessage), the way revocation assumes its role; unset: decoding is off.
   */
  decoderRoleName: string | undefined;
  /** Months of audit kept (whole monthly partitions dropped past it); 0 keeps everything. */
  auditRetentionMonths: number;
  /** An ISSUE_REQUESTED with no outcome after this long is closed as ISSUE_OUTCOME_UNKNOWN. */
  auditIntentTimeoutSeconds: number;
  adminGroups: string[];
  auditorGroups: string[];
  supportContact: string;
  sessionMaxAgeSeconds: number;
  issueRateLimitPerHour: number;
  /** Refused issuance requests audited one by one per person and hour; past it they get 429. */
  issueRefusalLimitPerHour: number;
  /** Anonymous SAML requests (login, ACS, complete) per source address and hour. */
  samlRateLimitPerHour: number;
  /** Device sign-ins (keyport login --device-code) started per source address per hour. */
  cliDeviceRateLimitPerHour: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Proxies in front of Keyport that append to X-Forwarded-For; 0: the connection's peer is the client. */
  trustedProxyHops: number;
  /** The server entry's per-process token vouching for the peer header; unset under `next start`. */
  peerToken: string | undefined;
  /** Keyport terminates TLS itself (server/keyport-server.mjs) with these PEM files; null: plain HTTP. */
  tls: { certFile: string; keyFile: string } | null;
  /** Database roles, signed checkpoints, audit sinks (audit-settings.ts). */
  audit: AuditSettings;
  /** Bearer token /api/metrics asks for; unset, the endpoint answers 404. */
  metricsToken: string | undefined;
  /** After SIGTERM: seconds readiness reports false before the server stops accepting; then the most seconds in-flight requests get. */
  shutdown: { delaySeconds: number; graceSeconds: number };
  /** How AWS is asked, unless a mapping overrides it (lib/issuance/modes/federation-for.ts). */
  federationMode: FederationMode;
  broker: BrokerConfig;
};

export type FederationMode = 'broker' | 'passthrough';

/** Keyport as the OIDC issuer AWS trusts (broker mode). */
export type BrokerConfig = {
  /** `iss` of minted tokens; discovery at `<issuerUrl>/.well-known/openid-configuration`. */
  issuerUrl: string;
  /** `aud` of minted tokens: a client id of the IAM OIDC provider. */
  audience: string;
  /** Where the signing keys are: a file (PEM, JWK or key set; re-read when it changes) or inline text. */
  keys: { kind: 'file'; path: string } | { kind: 'inline'; text: string } | null;
  /** Keyport as the SAML IdP AWS trusts (mappings in 'broker-saml' mode); null when not configured. */
  saml: { entityId: string; keyFile: string; certFile: string; metadataUrl: string } | null;
};

/** How the SAML IdP is known: its metadata (URL fetched once at start-up, or a file), or by hand. */
export type SamlIdpSource =
  | { kind: 'metadata'; metadataUrl: string | undefined; metadataFile: string | undefined }
  | { kind: 'manual'; entityId: string; ssoUrl: string; certs: string[] };

export type SamlConfig = {
  idp: SamlIdpSource;
  /** This portal's SP entity id: the audience of sign-in responses. */
  spEntityId: string;
  /** The Issuer of issuance AuthnRequests: the IdP answers them as for the AWS application. */
  awsEntityId: string;
  groupsAttribute: string;
  groupPaths: 'exact' | 'strip';
  /** What ties an issuance assertion to the signed-in person (lib/saml/same-person.ts). */
  matchAttribute: 'email' | 'username' | 'nameid';
  displayName: string;
  allowIdpInitiated: boolean;
};

/** The settings that together describe a production IdP; naming some but not all is an error. */
export const OIDC_SETTINGS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
/** A SAML IdP is described by its metadata, or by all three of SAML_MANUAL_SETTINGS. */
export const SAML_METADATA_SETTINGS = ['SAML_IDP_METADATA_URL', 'SAML_IDP_METADATA_FILE'] as const;
export const SAML_MANUAL_SETTINGS = ['SAML_IDP_ENTITY_ID', 'SAML_IDP_SSO_URL', 'SAML_IDP_CERT'] as const;
export const SAML_SETTINGS = [...SAML_METADATA_SETTINGS, ...SAML_MANUAL_SETTINGS] as const;
export const BASE_PRODUCTION_SETTINGS = ['DATABASE_URL', 'AUTH_SECRET', 'KEYPORT_URL'] as const;
export const PRODUCTION_SETTINGS = [...OIDC_SETTINGS, ...BASE_PRODUCTION_SETTINGS] as const;

/** True when no IdP is configured at all: `npm start` then brings up the sandbox. */
export function wantsSandbox(env: Record<string, string | undefined>): boolean {
  return [...OIDC_SETTINGS, ...SAML_SETTINGS].every((k) => !env[k]);
}

/** PEM certificates (one or more blocks) or bare base64 DER, as admins paste them. */
export function splitCertificates(text: string): string[] {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g);
  if (blocks) return blocks.map((b) => b.trim());
  return text
    .split(/[,\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = rawSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`));
  }
  const e = parsed.data;
  const sandbox = e.KEYPORT_SANDBOX === '1';
  const problems: string[] = [];

  const oidcNamed = OIDC_SETTINGS.filter((k) => Boolean(e[k]));
  const samlNamed = SAML_SETTINGS.filter((k) => Boolean(e[k]));
  const samlByMetadata = SAML_METADATA_SETTINGS.some((k) => Boolean(e[k]));
  if (Boolean(e.KEYPORT_TLS_CERT_FILE) !== Boolean(e.KEYPORT_TLS_KEY_FILE)) problems.push('set both KEYPORT_TLS_CERT_FILE and KEYPORT_TLS_KEY_FILE, or neither');
  if (e.KEYPORT_TLS_CERT_FILE && e.KEYPORT_URL && !e.KEYPORT_URL.startsWith('https://')) problems.push('KEYPORT_URL must be an https URL when Keyport serves TLS itself (KEYPORT_TLS_CERT_FILE)');
  if (e.SAML_IDP_METADATA_URL && e.SAML_IDP_METADATA_FILE) problems.push('set one of SAML_IDP_METADATA_URL and SAML_IDP_METADATA_FILE, not both');
  // The metadata carries the certificate every SAML response is verified with: fetched over
  // plain HTTP, anyone on the path could swap in their own and sign in as anybody.
  if (!sandbox && e.SAML_IDP_METADATA_URL && !e.SAML_IDP_METADATA_URL.startsWith('https://')) {
    problems.push('SAML_IDP_METADATA_URL must be an https:// URL (the metadata holds the IdP certificate Keyport trusts); or download it and use SAML_IDP_METADATA_FILE');
  }
  if (!sandbox) {
    const named = [...oidcNamed, ...samlNamed, ...BASE_PRODUCTION_SETTINGS.filter((k) => Boolean(e[k]))];
    const missing = [
      ...(oidcNamed.length > 0 || samlNamed.length === 0 ? OIDC_SETTINGS.filter((k) => !e[k]) : []),
      ...(samlNamed.length > 0 && !samlByMetadata ? SAML_MANUAL_SETTINGS.filter((k) => !e[k]) : []),
      ...BASE_PRODUCTION_SETTINGS.filter((k) => !e[k]),
    ];
    if (oidcNamed.length === 0 && samlNamed.length === 0) {
      problems.push(
        `no identity provider is configured (${OIDC_SETTINGS.join(', ')}; or SAML: ${SAML_METADATA_SETTINGS.join(' or ')}, or ${SAML_MANUAL_SETTINGS.join(', ')}). ` +
          'Run `npm start` without any of these to use the sandbox, or set all of: ' +
          PRODUCTION_SETTINGS.join(', '),
      );
    } else if (missing.length > 0) {
      problems.push(`an incomplete production configuration: missing ${missing.join(', ')} (set: ${named.join(', ')})`);
    }
    if (e.ADMIN_GROUPS.length === 0) problems.push('ADMIN_GROUPS is empty: name at least one IdP group whose members administer Keyport');
  }
  // A connect phase that cannot end before the whole deadline would turn every unreachable STS
  // into an "outcome unknown" instead of a definite, retried NetworkError (send-assume-role.ts).
  if (Boolean(e.BROKER_SAML_KEY_FILE) !== Boolean(e.BROKER_SAML_CERT_FILE)) problems.push('set both BROKER_SAML_KEY_FILE and BROKER_SAML_CERT_FILE (Keyport\'s SAML signing key and its certificate), or neither');
  if (e.BROKER_SIGNING_KEY && e.BROKER_KEYS_FILE) problems.push('set one of BROKER_SIGNING_KEY and BROKER_KEYS_FILE, not both');
  if (e.FEDERATION_MODE === 'broker' && !e.BROKER_SIGNING_KEY && !e.BROKER_KEYS_FILE) {
    problems.push('FEDERATION_MODE=broker needs Keyport\'s signing key: set BROKER_KEYS_FILE (a PEM, JWK or `npm run issuer:rotate` key set) or BROKER_SIGNING_KEY');
  }
  // STS fetches the issuer's discovery document and JWKS over public HTTPS only (IAM User Guide,
  // "Create an OpenID Connect (OIDC) identity provider in IAM").
  if (!sandbox && e.FEDERATION_MODE === 'broker' && !(e.BROKER_ISSUER_URL ?? e.KEYPORT_URL ?? '').startsWith('https://')) {
    problems.push('BROKER_ISSUER_URL (default $KEYPORT_URL/oidc) must be an https:// URL: AWS fetches the issuer\'s keys over HTTPS');
  }
  if (e.STS_CONNECT_TIMEOUT_MS >= e.STS_TIMEOUT_MS) problems.push(`STS_CONNECT_TIMEOUT_MS (${e.STS_CONNECT_TIMEOUT_MS}) must be below STS_TIMEOUT_MS (${e.STS_TIMEOUT_MS})`);
  const audit = auditSettings(e, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const tls = e.KEYPORT_TLS_CERT_FILE && e.KEYPORT_TLS_KEY_FILE ? { certFile: e.KEYPORT_TLS_CERT_FILE, keyFile: e.KEYPORT_TLS_KEY_FILE } : null;
  const publicUrl = (e.KEYPORT_URL ?? `${tls ? 'https' : 'http'}://localhost:${e.PORT}`).replace(/\/+$/, '');
  const required = (v: string | undefined, name: string) => {
    if (!v) throw new ConfigError([`${name} is required`]);
    return v;
  };
  const oidcEnabled = OIDC_SETTINGS.every((k) => Boolean(e[k]));
  let saml: SamlConfig | null = null;
  if (samlByMetadata || SAML_MANUAL_SETTINGS.every((k) => Boolean(e[k]))) {
    saml = {
      idp: samlByMetadata
        ? { kind: 'metadata', metadataUrl: e.SAML_IDP_METADATA_URL, metadataFile: e.SAML_IDP_METADATA_FILE }
        : { kind: 'manual', entityId: e.SAML_IDP_ENTITY_ID ?? '', ssoUrl: e.SAML_IDP_SSO_URL ?? '', certs: splitCertificates(e.SAML_IDP_CERT ?? '') },
      spEntityId: e.SAML_SP_ENTITY_ID ?? `${publicUrl}/api/saml/metadata`,
      awsEntityId: e.SAML_AWS_ENTITY_ID,
      groupsAttribute: e.SAML_GROUPS_ATTRIBUTE,
      groupPaths: e.IDP_GROUP_PATHS,
      matchAttribute: e.SAML_MATCH_ATTRIBUTE,
      displayName: e.SAML_DISPLAY_NAME,
      allowIdpInitiated: e.SAML_ALLOW_IDP_INITIATED === 'true' || e.SAML_ALLOW_IDP_INITIATED === '1',
    };
  }
  if (!oidcEnabled && !saml) throw new ConfigError(['no identity provider is configured: set the OIDC_* or the SAML_IDP_* settings']);
  return {
    mode: sandbox ? 'sandbox' : 'configured',
    production: e.NODE_ENV === 'production',
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    port: e.PORT,
    databaseUrl: required(e.DATABASE_URL, 'DATABASE_URL'),
    authSecret: required(e.AUTH_SECRET, 'AUTH_SECRET'),
    oidc: {
      issuer: oidcEnabled ? required(e.OIDC_ISSUER, 'OIDC_ISSUER').replace(/\/+$/, '') : '',
      clientId: oidcEnabled ? required(e.OIDC_CLIENT_ID, 'OIDC_CLIENT_ID') : '',
      clientSecret: oidcEnabled ? required(e.OIDC_CLIENT_SECRET, 'OIDC_CLIENT_SECRET') : '',
      scopes: e.OIDC_SCOPES,
      groupsClaim: e.OIDC_GROUPS_CLAIM,
      groupPaths: e.IDP_GROUP_PATHS,
      displayName: e.OIDC_DISPLAY_NAME,
    },
    oidcEnabled,
    saml,
    stsEndpoint: e.STS_ENDPOINT,
    stsTimeoutMs: e.STS_TIMEOUT_MS,
    stsConnectTimeoutMs: e.STS_CONNECT_TIMEOUT_MS,
    federationEndpoint: e.FEDERATION_ENDPOINT,
    iamEndpoint: e.IAM_ENDPOINT,
    revocationRoleName: e.REVOCATION_ROLE_NAME,
    decoderRoleName: e.DECODER_ROLE_NAME,
    auditRetentionMonths: e.AUDIT_RETENTION_MONTHS,
    auditIntentTimeoutSeconds: e.AUDIT_INTENT_TIMEOUT_SECONDS,
    adminGroups: e.ADMIN_GROUPS,
    auditorGroups: e.AUDITOR_GROUPS,
    supportContact: e.SUPPORT_CONTACT,
    sessionMaxAgeSeconds: e.SESSION_MAX_AGE_HOURS * 3600,
    issueRateLimitPerHour: e.ISSUE_RATE_LIMIT_PER_HOUR,
    issueRefusalLimitPerHour: e.ISSUE_REFUSAL_LIMIT_PER_HOUR,
    samlRateLimitPerHour: e.SAML_RATE_LIMIT_PER_HOUR,
    cliDeviceRateLimitPerHour: e.CLI_DEVICE_RATE_LIMIT_PER_HOUR,
    logLevel: e.LOG_LEVEL,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    peerToken: e.KEYPORT_PEER_TOKEN,
    tls,
    audit,
    metricsToken: e.METRICS_TOKEN,
    shutdown: { delaySeconds: e.SHUTDOWN_DELAY_SECONDS, graceSeconds: e.SHUTDOWN_GRACE_SECONDS },
    federationMode: e.FEDERATION_MODE,
    broker: {
      issuerUrl: (e.BROKER_ISSUER_URL ?? `${publicUrl}/oidc`).replace(/\/+$/, ''),
      audience: e.BROKER_AUDIENCE,
      keys: e.BROKER_KEYS_FILE ? { kind: 'file', path: e.BROKER_KEYS_FILE } : e.BROKER_SIGNING_KEY ? { kind: 'inline', text: e.BROKER_SIGNING_KEY } : null,
      saml:
        e.BROKER_SAML_KEY_FILE && e.BROKER_SAML_CERT_FILE
          ? { entityId: e.BROKER_SAML_ENTITY_ID ?? `${publicUrl}/saml-idp`, keyFile: e.BROKER_SAML_KEY_FILE, certFile: e.BROKER_SAML_CERT_FILE, metadataUrl: `${publicUrl}/saml-idp/metadata` }
          : null,
    },
  };
}
