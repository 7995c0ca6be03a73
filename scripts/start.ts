// `npm start`: the one way Keyport runs. With no IdP configured it brings up the whole sandbox
// (embedded PostgreSQL, OIDC IdP, AWS) and seeds demo data; with a configuration it validates it
// and refuses to start on an incomplete one. Then it applies migrations, builds if needed, and
// serves the portal. Ctrl-C / SIGTERM stops everything it started, PostgreSQL included.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseConfig, wantsSandbox, ConfigError } from '../lib/config/schema';
import { createPrismaClient } from '../lib/db/create-client';
import { startEmbeddedPostgres } from '../lib/db/embedded-postgres';
import { applyMigrations } from '../lib/db/migrate';
import { seedSandbox } from '../prisma/seed';
import { startSandboxAws } from '../sandbox/aws/server';
import { loadWorld } from '../sandbox/aws/world';
import { startOidcIdp } from '../sandbox/oidc/idp';
import { ensureSandboxBrokerKeys, ensureSandboxSamlBrokerKey } from '../sandbox/broker-keys';
import { sandboxAwsRolesFor } from '../sandbox/saml/aws-roles';
import { AWS_SIGNIN_SAML, AWS_SP_ENTITY_ID, startSamlIdp } from '../sandbox/saml/idp';
import { DEMO_PEOPLE } from '../sandbox/people';
import { embeddedDatabaseUrl, sandboxSettings } from '../sandbox/settings';
import { ensureBuild, nextBin } from './ensure-build';
import { assertPortFree } from './port-check';

const root = path.resolve(import.meta.dirname, '..');
const say = (m: string) => process.stdout.write(`[keyport] ${m}\n`);

type Stop = () => Promise<void>;
const stops: Stop[] = [];
let child: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('stopping…');
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    for (const stop of stops.reverse()) {
      await stop().catch((e: unknown) => say(`while stopping: ${e instanceof Error ? e.message : String(e)}`));
    }
    say('stopped');
  }
  process.exit(code);
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child?.exitCode !== null && child?.exitCode !== undefined) throw new Error(`the portal exited (code ${child.exitCode})`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
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
  const sandbox = wantsSandbox(env);
  let bannerLines: string[];

  if (sandbox) {
    const s = sandboxSettings(env, root);
    await assertPortFree(s.portalPort, 'the portal', 'PORT');
    await assertPortFree(s.oidcPort, 'the sandbox OIDC IdP', 'SANDBOX_OIDC_PORT');
    await assertPortFree(s.awsPort, 'the sandbox AWS', 'SANDBOX_AWS_PORT');
    await assertPortFree(s.samlPort, 'the sandbox SAML IdP', 'SANDBOX_SAML_PORT');

    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      await assertPortFree(s.pgPort, 'the embedded PostgreSQL', 'SANDBOX_PG_PORT');
      say(`starting embedded PostgreSQL (data in ${path.relative(root, path.join(s.dataDir, 'pg'))})`);
      const pg = await startEmbeddedPostgres({ dataDir: path.join(s.dataDir, 'pg'), port: s.pgPort, database: s.databaseName, log: say });
      stops.push(() => pg.stop());
      databaseUrl = embeddedDatabaseUrl(s);
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
        { entityId: AWS_SP_ENTITY_ID, name: 'Amazon Web Services (through Keyport)', acsUrls: [acsUrl], audience: AWS_SIGNIN_SAML, recipient: AWS_SIGNIN_SAML, aws: true },
      ],
      awsRolesFor: sandboxAwsRolesFor,
      statePath: path.join(s.dataDir, 'saml-idp-key.json'),
    });
    stops.push(() => saml.close());

    // Keyport is the identity broker the sandbox AWS trusts (broker-mode roles of world.json).
    if ((await ensureSandboxBrokerKeys(s.brokerKeysFile)).created) say(`generated the broker signing key (${path.relative(root, s.brokerKeysFile)})`);
    ensureSandboxSamlBrokerKey({ keyFile: s.samlBrokerKeyFile, certFile: s.samlBrokerCertFile });
    const world = loadWorld(s.worldFile, { OIDC_ISSUER: s.oidcIssuer, OIDC_CLIENT_ID: s.oidcClientId, SAML_METADATA_URL: saml.metadataUrl, BROKER_ISSUER: s.brokerIssuer, BROKER_SAML_METADATA_URL: s.samlBrokerMetadataUrl });
    const aws = await startSandboxAws({ world, port: s.awsPort, statePath: path.join(s.dataDir, 'aws-state.json') });
    stops.push(() => aws.close());

    Object.assign(env, {
      KEYPORT_SANDBOX: '1',
      KEYPORT_URL: s.portalUrl,
      PORT: String(s.portalPort),
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: s.authSecret,
      OIDC_ISSUER: s.oidcIssuer,
      OIDC_CLIENT_ID: s.oidcClientId,
      OIDC_CLIENT_SECRET: s.oidcClientSecret,
      OIDC_SCOPES: env.OIDC_SCOPES ?? 'openid email profile groups offline_access',
      OIDC_DISPLAY_NAME: env.OIDC_DISPLAY_NAME ?? 'Keyport sandbox IdP',
      SAML_IDP_METADATA_URL: saml.metadataUrl,
      FEDERATION_MODE: env.FEDERATION_MODE || 'broker',
      BROKER_ISSUER_URL: s.brokerIssuer,
      BROKER_KEYS_FILE: s.brokerKeysFile,
      BROKER_SAML_KEY_FILE: s.samlBrokerKeyFile,
      BROKER_SAML_CERT_FILE: s.samlBrokerCertFile,
      SAML_DISPLAY_NAME: env.SAML_DISPLAY_NAME ?? 'Keyport sandbox SAML IdP',
      STS_ENDPOINT: aws.url,
      FEDERATION_ENDPOINT: `${aws.url}/federation`,
      IAM_ENDPOINT: aws.url,
      ADMIN_GROUPS: env.ADMIN_GROUPS ?? 'keyport-admins',
      AUDITOR_GROUPS: env.AUDITOR_GROUPS ?? 'security-reviewers',
      SUPPORT_CONTACT: env.SUPPORT_CONTACT ?? 'the sandbox admin (adam)',
      // Every demo browser and test comes from one loopback address, and demo people are refused
      // on purpose: the per-address and per-person limits are set higher than production's.
      SAML_RATE_LIMIT_PER_HOUR: env.SAML_RATE_LIMIT_PER_HOUR ?? '5000',
      ISSUE_REFUSAL_LIMIT_PER_HOUR: env.ISSUE_REFUSAL_LIMIT_PER_HOUR ?? '300',
      // The sandbox AWS accepts these for IAM (revocation) like an instance role would in AWS.
      AWS_ACCESS_KEY_ID: world.iamAdmins[0]?.accessKeyId,
      AWS_SECRET_ACCESS_KEY: world.iamAdmins[0]?.secretAccessKey,
      AWS_REGION: 'us-east-1',
    });
    const cfg = parseConfig(env);
    await migrate(cfg.databaseUrl);
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
      `Database:         ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`,
      '',
      'Demo sign-ins (username / password):',
      ...DEMO_PEOPLE.map((p) => `  ${p.username.padEnd(6)} / ${p.password.padEnd(14)} ${p.note}`),
      '',
      'Scripting: npm run -s sandbox:info   ·   npm run -s sandbox:token -- alice --role <role ARN>',
      'Ctrl-C stops everything.',
    ];
  } else {
    const cfg = parseConfig(env);
    await migrate(cfg.databaseUrl);
    bannerLines = [
      `Keyport — serving ${cfg.publicUrl}`,
      ...(cfg.oidcEnabled ? [`OIDC IdP: ${cfg.oidc.issuer}`] : []),
      ...(cfg.saml ? ['SAML IdP: configured'] : []),
      `Federation: ${cfg.federationMode}${cfg.federationMode === 'broker' ? ` (AWS must trust the OIDC provider ${cfg.broker.issuerUrl}, audience ${cfg.broker.audience})` : ''}`,
    ];
  }

  await ensureBuild({ root, log: say, distDir: env.NEXT_DIST_DIR || '.next' });
  const port = env.PORT ?? '3000';
  child = spawn(process.execPath, [nextBin(), 'start', '-p', port], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' } as NodeJS.ProcessEnv,
  });
  child.on('exit', (code) => {
    if (!stopping) {
      say(`the portal exited unexpectedly (code ${code})`);
      void shutdown(1);
    }
  });
  await waitForHealth(`http://127.0.0.1:${port}`, 60_000);
  banner(bannerLines);
}

async function migrate(databaseUrl: string): Promise<void> {
  const { applied } = await applyMigrations({ databaseUrl, log: say });
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
