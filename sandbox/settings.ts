// Where the sandbox lives and listens. Read by `npm start` (sandbox mode), `sandbox:info` and
// `sandbox:token`, so all three agree. Secrets are generated on first start and kept in the data
// folder (git-ignored), so sessions and tokens survive restarts.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface SandboxSettings {
  dataDir: string;
  portalPort: number;
  portalUrl: string;
  oidcPort: number;
  oidcIssuer: string;
  awsPort: number;
  awsUrl: string;
  samlPort: number;
  samlBaseUrl: string;
  samlMetadataUrl: string;
  pgPort: number;
  databaseName: string;
  oidcClientId: string;
  oidcClientSecret: string;
  authSecret: string;
  worldFile: string;
  /** Keyport's broker issuer (FEDERATION_MODE=broker is the sandbox default) and its key file. */
  brokerIssuer: string;
  brokerKeysFile: string;
  /** Keyport's own SAML IdP (SAML broker mode): key, certificate, metadata URL. */
  samlBrokerKeyFile: string;
  samlBrokerCertFile: string;
  samlBrokerMetadataUrl: string;
}

function port(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a TCP port (got ${raw})`);
  return n;
}

interface Secrets {
  authSecret: string;
  oidcClientSecret: string;
}

function loadSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Secrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets = { authSecret: randomBytes(32).toString('base64url'), oidcClientSecret: randomBytes(24).toString('base64url') };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function sandboxSettings(env: Record<string, string | undefined>, root: string = process.cwd()): SandboxSettings {
  const dataDir = path.resolve(root, env.KEYPORT_DATA_DIR || '.data/sandbox');
  const portalPort = port(env, 'PORT', 3000);
  const oidcPort = port(env, 'SANDBOX_OIDC_PORT', 4001);
  const awsPort = port(env, 'SANDBOX_AWS_PORT', 4566);
  const samlPort = port(env, 'SANDBOX_SAML_PORT', 4002);
  const secrets = loadSecrets(dataDir);
  return {
    dataDir,
    portalPort,
    // Served over HTTPS by Keyport itself when given a certificate (the HTTPS e2e stack does).
    portalUrl: `${env.KEYPORT_TLS_CERT_FILE ? 'https' : 'http'}://localhost:${portalPort}`,
    oidcPort,
    oidcIssuer: `http://localhost:${oidcPort}`,
    awsPort,
    awsUrl: `http://localhost:${awsPort}`,
    samlPort,
    samlBaseUrl: `http://localhost:${samlPort}`,
    samlMetadataUrl: `http://localhost:${samlPort}/metadata`,
    pgPort: port(env, 'SANDBOX_PG_PORT', 5433),
    databaseName: 'keyport',
    oidcClientId: 'keyport',
    oidcClientSecret: secrets.oidcClientSecret,
    authSecret: secrets.authSecret,
    worldFile: path.resolve(root, 'sandbox/world.json'),
    brokerIssuer: `http://localhost:${portalPort}/oidc`,
    brokerKeysFile: path.join(dataDir, 'broker-keys.json'),
    samlBrokerKeyFile: path.join(dataDir, 'saml-broker-key.pem'),
    samlBrokerCertFile: path.join(dataDir, 'saml-broker-cert.pem'),
    samlBrokerMetadataUrl: `http://localhost:${portalPort}/saml-idp/metadata`,
  };
}

/** The sandbox's runtime role: what the portal (and every test) connects as. */
export const SANDBOX_RUNTIME_ROLE = { name: 'keyport_app', password: 'keyport-app-sandbox' };

/** `ownerUrl` with the sandbox runtime role's credentials instead of the owner's. */
export function withRuntimeRole(ownerUrl: string): string {
  const u = new URL(ownerUrl);
  u.username = SANDBOX_RUNTIME_ROLE.name;
  u.password = SANDBOX_RUNTIME_ROLE.password;
  return u.toString();
}

/** The portal's URL: the runtime role, which can append to the audit but never change it. */
export function embeddedDatabaseUrl(s: SandboxSettings): string {
  return `postgresql://${SANDBOX_RUNTIME_ROLE.name}:${SANDBOX_RUNTIME_ROLE.password}@127.0.0.1:${s.pgPort}/${s.databaseName}`;
}

/** The owner's URL (the embedded server's superuser), for migrations only. */
export function embeddedMigrationUrl(s: SandboxSettings): string {
  return `postgresql://postgres:keyport-sandbox@127.0.0.1:${s.pgPort}/${s.databaseName}`;
}

const signingKeyFile = (s: SandboxSettings) => path.join(s.dataDir, 'audit-signing-key.pem');

/** The sandbox's signing key if the sandbox has made one (audit:verify reads it; never creates it). */
export function readSandboxAuditSigningKey(s: SandboxSettings): string | undefined {
  return existsSync(signingKeyFile(s)) ? readFileSync(signingKeyFile(s), 'utf8') : undefined;
}

/** The sandbox's audit checkpoint signing key (Ed25519, PEM), made on first use in the data folder. */
export function sandboxAuditSigningKey(s: SandboxSettings): string {
  const file = signingKeyFile(s);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  mkdirSync(s.dataDir, { recursive: true });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(file, pem, { mode: 0o600 });
  return pem;
}

/** The sandbox's database URLs as sandbox:info and audit:verify find them: DATABASE_URL wins. */
export function sandboxDatabaseUrls(env: Record<string, string | undefined>, s: SandboxSettings): { databaseUrl: string; databaseMigrationUrl: string } {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL, databaseMigrationUrl: env.DATABASE_MIGRATION_URL || env.DATABASE_URL };
  return { databaseUrl: embeddedDatabaseUrl(s), databaseMigrationUrl: embeddedMigrationUrl(s) };
}
