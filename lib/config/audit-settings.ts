// The settings of the database roles, the signed audit checkpoints and the audit sinks (issue
// #13). Pure, like schema.ts, which spreads `auditSettingsShape` into its schema; the scripts that
// need only the database (`db:migrate`, `audit:verify`) parse these alone, without an IdP.
import { z } from 'zod';
import { verificationKeys } from '@/lib/audit/checkpoint-signature';

const optional = (schema: z.ZodType<string>) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : v === 'true' || v === '1'));
const int = (fallback: number, min: number, max: number) =>
  z.preprocess((v) => (v === undefined || v === '' ? fallback : Number(v)), z.number().int().min(min).max(max));
const postgresUrl = z.string().startsWith('postgres');

export const auditSettingsShape = {
  DATABASE_MIGRATION_URL: optional(postgresUrl),
  DATABASE_CREATE_RUNTIME_ROLE: flag(false),
  KEYPORT_MIGRATE_ON_START: flag(true),
  AUDIT_SIGNING_KEY: optional(z.string()),
  AUDIT_VERIFY_KEYS: optional(z.string()),
  AUDIT_CHECKPOINT_EVERY_EVENTS: int(1000, 1, 10_000_000),
  AUDIT_CHECKPOINT_EVERY_MINUTES: int(5, 1, 1440),
  AUDIT_SINKS: optional(z.string()),
  AUDIT_SINK_FILE_PATH: optional(z.string()),
  AUDIT_SINK_FILE_MAX_MB: int(100, 1, 100_000),
  AUDIT_SINK_FILE_KEEP: int(10, 1, 1000),
  AUDIT_SINK_HTTP_URL: optional(z.string().refine((v) => /^https?:\/\//.test(v), 'AUDIT_SINK_HTTP_URL must be an http(s) URL')),
  AUDIT_SINK_HTTP_PRESET: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['webhook', 'splunk', 'elastic']).default('webhook')),
  AUDIT_SINK_HTTP_AUTH_HEADER: optional(z.string().regex(/^[A-Za-z0-9-]+:\s*\S/, 'AUDIT_SINK_HTTP_AUTH_HEADER must look like "Authorization: Bearer …"')),
  AUDIT_SINK_HTTP_BATCH: int(500, 1, 10_000),
  AUDIT_SINK_HTTP_TIMEOUT_SECONDS: int(10, 1, 300),
  AUDIT_SINK_SYSLOG_URL: optional(z.string().regex(/^(tcp|tls):\/\/[^/]+:\d+$/, 'AUDIT_SINK_SYSLOG_URL must be tcp://host:port or tls://host:port')),
  AUDIT_SINK_REQUIRED: flag(false),
  AUDIT_SINK_MAX_LAG_SECONDS: int(60, 1, 86_400),
};

export type SinkConfig =
  | { kind: 'stdout' }
  | { kind: 'file'; path: string; maxBytes: number; keep: number }
  | { kind: 'http'; url: string; preset: 'webhook' | 'splunk' | 'elastic'; authHeader: { name: string; value: string } | undefined; batch: number; timeoutMs: number }
  | { kind: 'syslog'; url: string };

export interface AuditSettings {
  /** The owner's URL for migrations (and retention); DATABASE_URL when not set. */
  databaseMigrationUrl: string | undefined;
  createRuntimeRole: boolean;
  migrateOnStart: boolean;
  /** Ed25519 private key (PEM, or base64 of the 32-byte seed). Never stored in the database. */
  signingKey: string | undefined;
  /** Public keys (PEM or base64 of the 32 raw bytes, comma-separated) also trusted by verification. */
  verifyKeys: string[];
  checkpointEveryEvents: number;
  checkpointEveryMs: number;
  sinks: SinkConfig[];
  sinkRequired: boolean;
  sinkMaxLagMs: number;
}

type Parsed = z.infer<z.ZodObject<typeof auditSettingsShape>>;

/** Builds the settings from parsed values; problems (a sink named without its settings) are pushed. */
export function auditSettings(e: Parsed, problems: string[]): AuditSettings {
  const names = (e.AUDIT_SINKS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const sinks: SinkConfig[] = [];
  for (const name of new Set(names)) {
    if (name === 'stdout') sinks.push({ kind: 'stdout' });
    else if (name === 'file') {
      if (!e.AUDIT_SINK_FILE_PATH) problems.push('AUDIT_SINKS names file: set AUDIT_SINK_FILE_PATH');
      else sinks.push({ kind: 'file', path: e.AUDIT_SINK_FILE_PATH, maxBytes: e.AUDIT_SINK_FILE_MAX_MB * 1024 * 1024, keep: e.AUDIT_SINK_FILE_KEEP });
    } else if (name === 'http') {
      if (!e.AUDIT_SINK_HTTP_URL) problems.push('AUDIT_SINKS names http: set AUDIT_SINK_HTTP_URL');
      else {
        const h = e.AUDIT_SINK_HTTP_AUTH_HEADER;
        const at = h ? h.indexOf(':') : -1;
        sinks.push({
          kind: 'http',
          url: e.AUDIT_SINK_HTTP_URL,
          preset: e.AUDIT_SINK_HTTP_PRESET,
          authHeader: h && at > 0 ? { name: h.slice(0, at).trim(), value: h.slice(at + 1).trim() } : undefined,
          batch: e.AUDIT_SINK_HTTP_BATCH,
          timeoutMs: e.AUDIT_SINK_HTTP_TIMEOUT_SECONDS * 1000,
        });
      }
    } else if (name === 'syslog') {
      if (!e.AUDIT_SINK_SYSLOG_URL) problems.push('AUDIT_SINKS names syslog: set AUDIT_SINK_SYSLOG_URL');
      else sinks.push({ kind: 'syslog', url: e.AUDIT_SINK_SYSLOG_URL });
    } else problems.push(`AUDIT_SINKS: unknown sink "${name}" (stdout, file, http, syslog)`);
  }
  if (e.AUDIT_SINK_REQUIRED && sinks.length === 0) problems.push('AUDIT_SINK_REQUIRED=true but AUDIT_SINKS names no sink');
  const verifyKeys = (e.AUDIT_VERIFY_KEYS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    // Loaded once here so a bad key stops start-up with a clear message (never the key itself).
    verificationKeys({ signingKey: e.AUDIT_SIGNING_KEY, verifyKeys });
  } catch (err) {
    problems.push(err instanceof Error ? err.message : 'AUDIT_SIGNING_KEY or AUDIT_VERIFY_KEYS cannot be read');
  }
  return {
    databaseMigrationUrl: e.DATABASE_MIGRATION_URL,
    createRuntimeRole: e.DATABASE_CREATE_RUNTIME_ROLE,
    migrateOnStart: e.KEYPORT_MIGRATE_ON_START,
    signingKey: e.AUDIT_SIGNING_KEY,
    verifyKeys,
    checkpointEveryEvents: e.AUDIT_CHECKPOINT_EVERY_EVENTS,
    checkpointEveryMs: e.AUDIT_CHECKPOINT_EVERY_MINUTES * 60_000,
    sinks,
    sinkRequired: e.AUDIT_SINK_REQUIRED,
    sinkMaxLagMs: e.AUDIT_SINK_MAX_LAG_SECONDS * 1000,
  };
}

/** For the scripts that need only these settings (no IdP): throws with every problem named. */
export function parseAuditSettings(env: Record<string, string | undefined>): AuditSettings {
  const parsed = z.object(auditSettingsShape).safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const problems: string[] = [];
  const s = auditSettings(parsed.data, problems);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return s;
}
