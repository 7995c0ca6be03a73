// `npm start`: the one way Keyport runs. With no IdP configured it brings up the whole sandbox
// (embedded PostgreSQL, OIDC IdP, AWS) and seeds demo data; with a configuration it validates it
// and refuses to start on an incomplete one. Then it applies migrations, builds if needed, and
// serves the portal through server/keyport-server.mjs (HTTPS itself when KEYPORT_TLS_* are set).
// Ctrl-C / SIGTERM stops everything it started, PostgreSQL included.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { parseConfig, wantsSandbox, ConfigError, type Config } from '../lib/config/schema';
import { createPrismaClient } from '../lib/db/create-client';
import { startEmbeddedPostgres } from '../lib/db/embedded-postgres';
import { runtimeRoleFor, type RuntimeRole } from '../lib/db/database-roles';
import { applyMigrations } from '../lib/db/migrate';
import { seedSandbox } from '../prisma/seed';
import { startSandboxAws } from '../sandbox/aws/server';
import { loadWorld } from '../sandbox/aws/world';
import { startOidcIdp } from '../sandbox/oidc/idp';
import { ensureSandboxBrokerKeys, ensureSandboxSamlBrokerKey } from '../sandbox/broker-keys';
import { sandboxAwsRolesFor } from '../sandbox/saml/aws-roles';
import { AWS_SIGNIN_SAML, AWS_SP_ENTITY_ID, startSamlIdp } from '../sandbox/saml/idp';
import { DEMO_PEOPLE } from '../sandbox/people';
import { sandboxPortalEnv } from '../sandbox/portal-env';
import { embeddedDatabaseUrl, embeddedMigrationUrl, SANDBOX_RUNTIME_ROLE, sandboxSettings } from '../sandbox/settings';
import { ensureBuild } from './ensure-build';
import { instancePorts, instancesOption } from './instances-option';
import { assertPortFree } from './port-check';
import { startRoundRobinProxy } from './round-robin-proxy';

const root = path.resolve(import.meta.dirname, '..');
const say = (m: string) => process.stdout.write(`[keyport] ${m}\n`);

type Stop = () => Promise<void>;
const stops: Stop[] = [];
const children: ChildProcess[] = [];
let stopping = false;
/** How long the portal gets to drain after SIGTERM (SHUTDOWN_DELAY_SECONDS + SHUTDOWN_GRACE_SECONDS, and a margin). */
let portalStopMs = 10_000;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('stopping…');
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, portalStopMs))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }),
    );
    for (const stop of stops.reverse()) {
      await stop().catch((e: unknown) => say(`while stopping: ${e instanceof Error ? e.message : String(e)}`));
    }
    say('stopped');
  }
  process.exit(code);
}

/** True when GET url answers 2xx. Over HTTPS the certificate is not checked: this only asks the
 * portal we just started, on loopback, whether it is up (nothing secret is sent or read). */
function answersOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    const req = get(url, { rejectUnauthorized: false, timeout: 5000 }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the portal exited (code ${child.exitCode})`);
    if (await answersOk(`${url}/api/health`)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the portal did not answer ${url}/api/health within ${timeoutMs / 1000}s`);
}

function banner(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '='.repeat(width);
  process.stdout.write(`\n${bar}\n${lines.map((l) => `  ${l}`).join('\n')}\n${bar}\n\n`);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGHUP', () => void shutdown(0));
  // If whatever started us dies without telling us (a killed test runner, a closed terminal),
  // we are re-parented: stop everything rather than leave PostgreSQL and the portal orphaned.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown(0);
  }, 1000).unref();

  const env: Record<string, string | undefined> = { ...process.env };
  const instances = instancesOption(process.argv.slice(2));
  const sandbox = wantsSandbox(env);
  let bannerLines: string[];
  let cfg: Config;

  if (sandbox) {
    const s = sandboxSettings(env, root);
    await assertPortFree(s.portalPort, 'the portal', 'PORT');
    await assertPortFree(s.oidcPort, 'the sandbox OIDC IdP', 'SANDBOX_OIDC_PORT');
    await assertPortFree(s.awsPort, 'the sandbox AWS', 'SANDBOX_AWS_PORT');
    await assertPortFree(s.samlPort, 'the sandbox SAML IdP', 'SANDBOX_SAML_PORT');

    let databaseUrl = env.DATABASE_URL;
    // Two roles by default (issue #13): migrations as the owner, the portal as the runtime role.
    let migrationUrl = env.DATABASE_MIGRATION_URL || databaseUrl;
    let runtimeRole: RuntimeRole | null = null;
    if (!databaseUrl) {
      await assertPortFree(s.pgPort, 'the embedded PostgreSQL', 'SANDBOX_PG_PORT');
      say(`starting embedded PostgreSQL (data in ${path.relative(root, path.join(s.dataDir, 'pg'))})`);
      const pg = await startEmbeddedPostgres({ dataDir: path.join(s.dataDir, 'pg'), port: s.pgPort, database: s.databaseName, log: say });
      stops.push(() => pg.stop());
      databaseUrl = embeddedDatabaseUrl(s);
      migrationUrl = embeddedMigrationUrl(s);
      runtimeRole = SANDBOX_RUNTIME_ROLE;
    }

    const idp = await startOidcIdp({
      port: s.oidcPort,
      issuer: s.oidcIssuer,
      clients: [
        {
          clientId: s.oidcClientId,
          clientSecret: s.oidcClientSecret,
          redirectUris: [`${s.portalUrl}/api/auth/callback/oidc`],
          postLogoutRedirectUris: [`${s.portalUrl}/signin`],
        },
      ],
      people: DEMO_PEOPLE,
      statePath: path.join(s.dataDir, 'oidc-state.json'),
    });
    stops.push(() => idp.close());

    const acsUrl = `${s.portalUrl}/api/saml/acs`;
    const saml = await startSamlIdp({
      port: s.samlPort,
      baseUrl: s.samlBaseUrl,
      people: DEMO_PEOPLE,
      sps: [
        { entityId: `${s.portalUrl}/api/saml/metadata`, name: 'Keyport', acsUrls: [acsUrl], audience: `${s.portalUrl}/api/saml/metadata`, recipient: 'acs', aws: false },
        // The AWS application of the IdP, answering at Keyport's ACS so Keyport can call AssumeRoleWithSAML.
        { entityId: AWS_SP_ENTITY_ID, name: 'Amazon Web Services (through Keyport)', acsUrls: [acsUrl], audience: AWS_SP_ENTITY_ID, recipient: AWS_SIGNIN_SAML, aws: true },
      ],
      awsRolesFor: sandboxAwsRolesFor,
      statePath: path.join(s.dataDir, 'saml-idp-key.json'),
    });
    stops.push(() => saml.close());

    // Keyport is the identity broker the sandbox AWS trusts (broker-mode roles of world.json).
    if ((await ensureSandboxBrokerKeys(s.brokerKeysFile)).created) say(`generated the broker signing key (${path.relative(root, s.brokerKeysFile)})`);
    ensureSandboxSamlBrokerKey({ keyFile: s.samlBrokerKeyFile, certFile: s.samlBrokerCertFile });
    // SANDBOX_EXTRA_WORLD: more providers and roles (the e2e suite's third-party IdPs), whose
    // placeholders are given as SANDBOX_WORLD_<NAME> (e.g. SANDBOX_WORLD_THIRD_PARTY_OIDC_ISSUER).
    const extraVars = Object.fromEntries(
      Object.entries(env)
        .filter((e): e is [string, string] => e[0].startsWith('SANDBOX_WORLD_') && typeof e[1] === 'string')
        .map(([k, v]) => [k.slice('SANDBOX_WORLD_'.length), v]),
    );
    const world = loadWorld(
      s.worldFile,
      { OIDC_ISSUER: s.oidcIssuer, OIDC_CLIENT_ID: s.oidcClientId, SAML_METADATA_URL: saml.metadataUrl, BROKER_ISSUER: s.brokerIssuer, BROKER_SAML_METADATA_URL: s.samlBrokerMetadataUrl },
      env.SANDBOX_EXTRA_WORLD ? { file: path.resolve(root, env.SANDBOX_EXTRA_WORLD), vars: extraVars } : undefined,
    );
    const aws = await startSandboxAws({ world, port: s.awsPort, statePath: path.join(s.dataDir, 'aws-state.json') });
    stops.push(() => aws.close());

    Object.assign(env, sandboxPortalEnv({ s, env, databaseUrl, samlMetadataUrl: saml.metadataUrl, awsUrl: aws.url, world }));
    cfg = parseConfig(env);
    await migrate(cfg, migrationUrl ?? cfg.databaseUrl, runtimeRole);
    const db = createPrismaClient(cfg.databaseUrl, { max: 2 });
    const { created } = await seedSandbox({ db, roles: world.roles });
    await db.$disconnect();
    if (created > 0) say(`seeded ${created} demo mappings`);

    bannerLines = [
      'Keyport — SANDBOX MODE (no IdP configured: local IdP, local AWS, embedded PostgreSQL)',
      '',
      `Portal:           ${s.portalUrl}`,
      `OIDC IdP:         ${s.oidcIssuer}  (people admin: ${s.oidcIssuer}/sandbox/people)`,
      `SAML IdP:         ${saml.metadataUrl}  (metadata)`,
      `AWS (STS/IAM):    ${aws.url}`,
      `Federation:       ${cfg.federationMode} (Keyport's issuer for AWS: ${cfg.broker.issuerUrl}; per-mapping overrides apply)`,
      `Database:         ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}  (the portal's runtime role; migrations as the owner)`,
      `Audit sink:       ${path.relative(root, env.AUDIT_SINK_FILE_PATH ?? '') || env.AUDIT_SINK_FILE_PATH}  (npm run audit:verify -- --checkpoints <it>)`,
      '',
      'Demo sign-ins (username / password):',
      ...DEMO_PEOPLE.map((p) => `  ${p.username.padEnd(6)} / ${p.password.padEnd(14)} ${p.note}`),
      '',
      'Scripting: npm run -s sandbox:info   ·   npm run -s sandbox:token -- alice --role <role ARN>',
      'Ctrl-C stops everything.',
    ];
  } else {
    cfg = parseConfig(env);
    await migrate(cfg, cfg.audit.databaseMigrationUrl ?? cfg.databaseUrl, null);
    bannerLines = [
      `Keyport — serving ${cfg.publicUrl}`,
      ...(cfg.oidcEnabled ? [`OIDC IdP: ${cfg.oidc.issuer}`] : []),
      ...(cfg.saml ? ['SAML IdP: configured'] : []),
      `Federation: ${cfg.federationMode}${cfg.federationMode === 'broker' ? ` (AWS must trust the OIDC provider ${cfg.broker.issuerUrl}, audience ${cfg.broker.audience})` : ''}`,
    ];
  }

  portalStopMs = (cfg.shutdown.delaySeconds + cfg.shutdown.graceSeconds + 5) * 1000;
  await ensureBuild({ root, log: say, distDir: env.NEXT_DIST_DIR || '.next' });
  const publicPort = cfg.port;
  const scheme = cfg.tls ? 'https' : 'http';
  const ports = instancePorts(publicPort, instances);
  if (instances > 1) for (const p of ports) await assertPortFree(p, 'a portal instance', 'PORT');
  for (const port of ports) {
    // Keyport's own server entry rather than `next start`: it hands the app each request's real
    // TCP peer (the audit's source address) and can serve TLS itself (server/keyport-server.mjs).
    // SIGTERM is Keyport's (lib/shutdown): readiness false, drain, exit within the grace period.
    // KEYPORT_PORTAL_NODE_ARGS: Node flags for the portal only, for diagnosis (e.g. `--cpu-prof
    // --cpu-prof-dir=/tmp/prof`, which NODE_OPTIONS does not take on Node 20); its workers inherit them.
    const nodeArgs = (env.KEYPORT_PORTAL_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'server', 'keyport-server.mjs')], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...env, PORT: String(port), NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', KEYPORT_NEXT_START: '1' } as NodeJS.ProcessEnv,
    });
    child.on('exit', (code) => {
      if (!stopping) {
        say(`the portal on port ${port} exited unexpectedly (code ${code})`);
        void shutdown(1);
      }
    });
    children.push(child);
  }
  await Promise.all(ports.map((port, k) => waitForHealth(`${scheme}://127.0.0.1:${port}`, children[k] as ChildProcess, 60_000)));
  if (instances > 1) {
    // One public URL in front of them all, as a load balancer would be.
    const lb = await startRoundRobinProxy({ port: publicPort, targets: ports });
    stops.unshift(() => lb.close());
    bannerLines.push('', `${instances} portal instances on ports ${ports.join(', ')}, one database, behind a round-robin balancer on ${publicPort}`);
  }
  banner(bannerLines);
}

async function migrate(cfg: Config, migrationUrl: string, sandboxRole: RuntimeRole | null): Promise<void> {
  if (!cfg.audit.migrateOnStart) {
    say('KEYPORT_MIGRATE_ON_START=false: migrations are left to `npm run db:migrate`');
    return;
  }
  const runtimeRole = sandboxRole ?? runtimeRoleFor({ databaseUrl: cfg.databaseUrl, migrationUrl, createRole: cfg.audit.createRuntimeRole });
  const { applied } = await applyMigrations({ databaseUrl: migrationUrl, runtimeRole, log: say });
  say(applied.length > 0 ? `applied ${applied.length} migration(s)` : 'database schema is up to date');
}

main().catch(async (e: unknown) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`\n${e.message}\n\nSee .env.example for every setting.\n`);
  } else {
    process.stderr.write(`\nKeyport could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  }
  await shutdown(1);
});
