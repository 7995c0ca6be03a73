// Every setting Keyport reads, validated in one place. Pure: takes an env-like record, returns a
// typed Config or throws ConfigError naming each problem. `.env.example` documents each variable.
import { z } from 'zod';

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
  OIDC_DISPLAY_NAME: z.string().min(1).default('Company IdP'),
  STS_ENDPOINT: optionalUrl('STS_ENDPOINT'),
  FEDERATION_ENDPOINT: optionalUrl('FEDERATION_ENDPOINT'),
  ADMIN_GROUPS: list([]),
  AUDITOR_GROUPS: list([]),
  SUPPORT_CONTACT: z.string().default('your cloud platform team'),
  SESSION_MAX_AGE_HOURS: positiveInt(12, 1, 24 * 30),
  ISSUE_RATE_LIMIT_PER_HOUR: positiveInt(60, 1, 100_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
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
    displayName: string;
  };
  stsEndpoint: string | undefined;
  federationEndpoint: string | undefined;
  adminGroups: string[];
  auditorGroups: string[];
  supportContact: string;
  sessionMaxAgeSeconds: number;
  issueRateLimitPerHour: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
};

/** The settings that together describe a production IdP; naming some but not all is an error. */
export const OIDC_SETTINGS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
export const PRODUCTION_SETTINGS = [...OIDC_SETTINGS, 'DATABASE_URL', 'AUTH_SECRET', 'KEYPORT_URL'] as const;

/** True when no IdP is configured at all: `npm start` then brings up the sandbox. */
export function wantsSandbox(env: Record<string, string | undefined>): boolean {
  return OIDC_SETTINGS.every((k) => !env[k]);
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = rawSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`));
  }
  const e = parsed.data;
  const sandbox = e.KEYPORT_SANDBOX === '1';
  const problems: string[] = [];

  if (!sandbox) {
    const named = PRODUCTION_SETTINGS.filter((k) => Boolean(e[k]));
    const missing = PRODUCTION_SETTINGS.filter((k) => !e[k]);
    if (named.length === 0) {
      problems.push(
        `no identity provider is configured (${OIDC_SETTINGS.join(', ')}). ` +
          'Run `npm start` without any of these to use the sandbox, or set all of: ' +
          PRODUCTION_SETTINGS.join(', '),
      );
    } else if (missing.length > 0) {
      problems.push(`an incomplete production configuration: missing ${missing.join(', ')} (set: ${named.join(', ')})`);
    }
    if (e.ADMIN_GROUPS.length === 0) problems.push('ADMIN_GROUPS is empty: name at least one IdP group whose members administer Keyport');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const publicUrl = (e.KEYPORT_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const required = (v: string | undefined, name: string) => {
    if (!v) throw new ConfigError([`${name} is required`]);
    return v;
  };
  return {
    mode: sandbox ? 'sandbox' : 'configured',
    production: e.NODE_ENV === 'production',
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    port: e.PORT,
    databaseUrl: required(e.DATABASE_URL, 'DATABASE_URL'),
    authSecret: required(e.AUTH_SECRET, 'AUTH_SECRET'),
    oidc: {
      issuer: required(e.OIDC_ISSUER, 'OIDC_ISSUER').replace(/\/+$/, ''),
      clientId: required(e.OIDC_CLIENT_ID, 'OIDC_CLIENT_ID'),
      clientSecret: required(e.OIDC_CLIENT_SECRET, 'OIDC_CLIENT_SECRET'),
      scopes: e.OIDC_SCOPES,
      groupsClaim: e.OIDC_GROUPS_CLAIM,
      displayName: e.OIDC_DISPLAY_NAME,
    },
    stsEndpoint: e.STS_ENDPOINT,
    federationEndpoint: e.FEDERATION_ENDPOINT,
    adminGroups: e.ADMIN_GROUPS,
    auditorGroups: e.AUDITOR_GROUPS,
    supportContact: e.SUPPORT_CONTACT,
    sessionMaxAgeSeconds: e.SESSION_MAX_AGE_HOURS * 3600,
    issueRateLimitPerHour: e.ISSUE_RATE_LIMIT_PER_HOUR,
    logLevel: e.LOG_LEVEL,
  };
}
