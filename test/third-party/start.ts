// The e2e suite's third-party IdP stack (the second webServer of playwright.config.ts, started
// once the sandbox is up): SimpleSAMLphp and Glewlwyd on loopback, the mappings of their groups,
// and a second Keyport on the same build, database and sandbox AWS, configured with Glewlwyd as its
// OIDC IdP and SimpleSAMLphp as its SAML IdP — exactly as a company would configure Keyport, except
// KEYPORT_SANDBOX=1, which the sandbox AWS (plain HTTP on loopback) requires. Every port comes from
// the environment playwright.config.ts derives from E2E_PORT_OFFSET. A missing Debian package stops
// the run with how to install it. SIGTERM, or the runner going away, stops everything.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { startGlewlwyd, checkGlewlwydInstalled } from './glewlwyd';
import { GWEN, SIMPLESAML_ROLE_ARN, SAML_PROVIDER_ARN, TESS, THIRD_PARTY_MAPPINGS } from './people';
import { startChild, waitForHttp, type Child } from './processes';
import { checkSimpleSamlPhpInstalled, startSimpleSamlPhp } from './simplesamlphp';

const root = path.resolve(import.meta.dirname, '../..');
const say = (m: string) => process.stdout.write(`[third-party] ${m}\n`);
const quiet = (line: string) => {
  // php -S logs every connection; keep what matters.
  if (!/ (Accepted|Closing)$/.test(line)) say(line);
};

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (playwright.config.ts sets it)`);
  return v;
}

const stops: Array<() => Promise<void>> = [];
let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const stop of stops.reverse()) await stop().catch((e: unknown) => say(`while stopping: ${e instanceof Error ? e.message : String(e)}`));
    say('stopped');
  }
  process.exit(code);
}

async function seedMappings(databaseUrl: string): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (const m of THIRD_PARTY_MAPPINGS) {
      await db.query(
        `INSERT INTO role_mappings (id, idp_group, idp_kind, role_arn, account_id, account_label, role_label, description, max_duration_seconds, sts_region, allowed_regions, saml_provider_arn, created_by, updated_by, updated_at)
         VALUES (gen_random_uuid(), $1, $2, $3, '111122223333', 'sandbox-dev', $4, 'e2e third-party IdP', 3600, 'us-east-1', ARRAY['us-east-1'], $5, 'e2e', 'e2e', now())
         ON CONFLICT (idp_group, role_arn) DO NOTHING`,
        [m.idpGroup, m.idpKind, m.roleArn, m.roleLabel, m.samlProviderArn],
      );
    }
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void shutdown(0));
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown(0);
  }, 1000).unref();

  // Before anything starts: both IdPs installed, or the run stops here saying how to install them.
  checkSimpleSamlPhpInstalled();
  checkGlewlwydInstalled();

  const portalPort = Number(need('TP_PORTAL_PORT'));
  const portalUrl = `http://localhost:${portalPort}`;
  const dataDir = path.resolve(root, need('TP_DATA_DIR'));
  const databaseUrl = need('TP_DATABASE_URL');
  const awsUrl = need('TP_AWS_URL');
  const distDir = need('NEXT_DIST_DIR');

  const ssp = await startSimpleSamlPhp({
    port: Number(need('TP_SIMPLESAMLPHP_PORT')),
    dataDir: path.join(dataDir, 'simplesamlphp'),
    portalUrl,
    people: [TESS],
    awsRolesFor: () => [`${SIMPLESAML_ROLE_ARN},${SAML_PROVIDER_ARN}`],
    log: quiet,
  });
  stops.push(() => ssp.close());
  if (ssp.metadataUrl !== need('TP_SIMPLESAMLPHP_METADATA_URL')) throw new Error(`SimpleSAMLphp metadata is at ${ssp.metadataUrl}, not where sandbox AWS looks (${need('TP_SIMPLESAMLPHP_METADATA_URL')})`);
  say(`SimpleSAMLphp: ${ssp.url} (metadata ${ssp.metadataUrl})`);

  const glewlwyd = await startGlewlwyd({ port: Number(need('TP_GLEWLWYD_PORT')), dataDir: path.join(dataDir, 'glewlwyd'), portalUrl, people: [GWEN], log: quiet });
  stops.push(() => glewlwyd.close());
  if (glewlwyd.issuer !== need('TP_GLEWLWYD_ISSUER')) throw new Error(`Glewlwyd's issuer is ${glewlwyd.issuer}, not the one sandbox AWS trusts (${need('TP_GLEWLWYD_ISSUER')})`);
  say(`Glewlwyd: ${glewlwyd.issuer}`);

  await seedMappings(databaseUrl);

  const portal: Child = startChild({
    name: 'keyport (third-party IdPs)',
    command: process.execPath,
    // Keyport's own server entry, as npm start runs it (the TCP peer is the audit's source address).
    args: [path.join(root, 'server', 'keyport-server.mjs')],
    cwd: root,
    env: {
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_DIST_DIR: distDir,
      KEYPORT_SANDBOX: '1',
      KEYPORT_URL: portalUrl,
      PORT: String(portalPort),
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      OIDC_ISSUER: glewlwyd.issuer,
      OIDC_CLIENT_ID: glewlwyd.clientId,
      OIDC_CLIENT_SECRET: glewlwyd.clientSecret,
      OIDC_SCOPES: 'openid',
      OIDC_DISPLAY_NAME: 'Glewlwyd',
      SAML_IDP_METADATA_URL: ssp.metadataUrl,
      SAML_DISPLAY_NAME: 'SimpleSAMLphp',
      STS_ENDPOINT: awsUrl,
      FEDERATION_ENDPOINT: `${awsUrl}/federation`,
      IAM_ENDPOINT: awsUrl,
      ADMIN_GROUPS: 'tp-admins',
      AUDITOR_GROUPS: 'tp-auditors',
      SUPPORT_CONTACT: 'the e2e admins',
      AWS_REGION: 'us-east-1',
    },
    log: say,
  });
  stops.push(() => portal.stop());
  portal.process.once('exit', () => {
    if (!stopping) void shutdown(1);
  });
  await waitForHttp(`http://127.0.0.1:${portalPort}/api/ready`, 120_000, portal, (s) => s === 200);
  say(`Keyport with Glewlwyd (OIDC) and SimpleSAMLphp (SAML): ${portalUrl}`);
}

main().catch(async (e: unknown) => {
  process.stderr.write(`\n[third-party] ${e instanceof Error ? e.message : String(e)}\n`);
  await shutdown(1);
});
