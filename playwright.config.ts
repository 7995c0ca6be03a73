import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { chromium } from 'playwright-core';
import { ensureTestTls } from './e2e/fixtures/tls';

// Playwright's own Chromium when it is installed; otherwise the system's (Debian's `chromium`),
// or CHROMIUM_PATH. Browsers cannot always be downloaded, so detect rather than hard-wire.
function browserExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    /* no bundled browser */
  }
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) if (existsSync(p)) return p;
  return undefined;
}

// The e2e stacks are the real `npm start` sandbox, each on its own ports and data folder, both on
// one build folder. E2E_PORT_OFFSET lets several runs share a machine without colliding.
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
const distDir = `.data/next-e2e-${offset}`;
// Ports that fetch (Node's and Chromium's) refuses to connect to ("bad ports", WHATWG Fetch §2.9):
// an offset landing a service on one (6666 at offset 2000; Glewlwyd's 4190 at offset 0) would
// fail every call to it. Moved by 7.
const FETCH_BAD_PORTS = new Set([1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);
const port = (base: number) => {
  const p = base + offset;
  return FETCH_BAD_PORTS.has(p) ? p + 7 : p;
};

function sandboxStack(o: { name: string; scheme: 'http' | 'https'; portal: number; oidc: number; saml: number; aws: number; pg: number }) {
  return {
    portalPort: port(o.portal),
    portalUrl: `${o.scheme}://localhost:${port(o.portal)}`,
    oidcPort: port(o.oidc),
    oidcIssuer: `http://localhost:${port(o.oidc)}`,
    awsPort: port(o.aws),
    awsUrl: `http://localhost:${port(o.aws)}`,
    samlPort: port(o.saml),
    samlUrl: `http://localhost:${port(o.saml)}`,
    pgPort: port(o.pg),
    dataDir: `.data/${o.name}-${offset}`,
    distDir,
  };
}

export const E2E = {
  ...sandboxStack({ name: 'e2e', scheme: 'http', portal: 3100, oidc: 4101, saml: 4102, aws: 4666, pg: 5533 }),
  // Third-party IdPs (test/third-party/start.ts): a second Keyport configured with Glewlwyd (OIDC)
  // and SimpleSAMLphp (SAML), on the same build, database and sandbox AWS.
  thirdPartyPortalUrl: `http://localhost:${port(3170)}`,
  simpleSamlPhpUrl: `http://127.0.0.1:${port(4180)}`,
  glewlwydIssuer: `http://127.0.0.1:${port(4190)}/api/oidc`,
};
const thirdPartyWorld = {
  SANDBOX_EXTRA_WORLD: 'test/third-party/world.json',
  SANDBOX_WORLD_THIRD_PARTY_OIDC_ISSUER: E2E.glewlwydIssuer,
  SANDBOX_WORLD_THIRD_PARTY_OIDC_PROVIDER: E2E.glewlwydIssuer.replace(/^http:\/\//, ''),
  SANDBOX_WORLD_THIRD_PARTY_SAML_METADATA_URL: `${E2E.simpleSamlPhpUrl}/saml2/idp/metadata.php`,
};

// The same portal served over HTTPS by Keyport itself (KEYPORT_TLS_*), as production serves it:
// `__Host-` Secure cookies and HSTS. A second sandbox on the same build as the first
// (scripts/ensure-build.ts lets one of the two starts build, the other waits), with a CA made for
// this run that only the test's Chromium trusts.
const tls = ensureTestTls(`.data/e2e-https-${offset}/tls`);
export const E2E_HTTPS = { ...sandboxStack({ name: 'e2e-https', scheme: 'https', portal: 3200, oidc: 4201, saml: 4202, aws: 4766, pg: 5633 }), tls };

type Stack = ReturnType<typeof sandboxStack>;

function webServer(stack: Stack, extra: { ignoreHTTPSErrors?: boolean; env?: Record<string, string> } = {}) {
  return {
    // exec: no shell in between, so the stack notices when Playwright goes away.
    command: 'exec node --import tsx scripts/start.ts',
    url: `${stack.portalUrl}/api/ready`,
    ignoreHTTPSErrors: extra.ignoreHTTPSErrors ?? false,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    env: {
      KEYPORT_DATA_DIR: stack.dataDir,
      NEXT_DIST_DIR: stack.distDir,
      PORT: String(stack.portalPort),
      SANDBOX_OIDC_PORT: String(stack.oidcPort),
      SANDBOX_AWS_PORT: String(stack.awsPort),
      SANDBOX_SAML_PORT: String(stack.samlPort),
      SANDBOX_PG_PORT: String(stack.pgPort),
      NEXT_TELEMETRY_DISABLED: '1',
      ...extra.env,
    },
  };
}

/** The environment of the e2e stack's `npm start`; e2e/deploy starts more portal instances beside it. */
export const E2E_STACK_ENV = webServer(E2E, { env: thirdPartyWorld }).env;

const browserArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export default defineConfig({
  testDir: 'e2e',
  // Per stack, so parallel runs (E2E_PORT_OFFSET) never share trace folders.
  outputDir: `test-results/e2e-${offset}`,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: [['list']],
  timeout: 60_000,
  use: {
    baseURL: E2E.portalUrl,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: browserExecutable(), args: browserArgs },
  },
  projects: [
    { name: 'chromium', testIgnore: 'https/**', use: { ...devices['Desktop Chrome'] } },
    {
      name: 'https',
      testMatch: 'https/**/*.spec.ts',
      use: {
        ...devices['Desktop Chrome'],
        baseURL: E2E_HTTPS.portalUrl,
        // Certificate errors are not ignored: Chromium trusts exactly this run's CA.
        ignoreHTTPSErrors: false,
        launchOptions: { executablePath: browserExecutable(), args: [...browserArgs, `--ignore-certificate-errors-spki-list=${tls.caSpkiSha256}`] },
      },
    },
  ],
  webServer: [
    webServer(E2E, { env: thirdPartyWorld }),
    // The readiness probe does not check the certificate; the browser does.
    webServer(E2E_HTTPS, { ignoreHTTPSErrors: true, env: { KEYPORT_TLS_CERT_FILE: tls.certFile, KEYPORT_TLS_KEY_FILE: tls.keyFile } }),
    {
      // Started once the sandbox answers (Playwright starts web servers in order).
      command: 'exec node --import tsx test/third-party/start.ts',
      url: `${E2E.thirdPartyPortalUrl}/api/ready`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        TP_PORTAL_PORT: String(port(3170)),
        TP_SIMPLESAMLPHP_PORT: String(port(4180)),
        TP_SIMPLESAMLPHP_METADATA_URL: thirdPartyWorld.SANDBOX_WORLD_THIRD_PARTY_SAML_METADATA_URL,
        TP_GLEWLWYD_PORT: String(port(4190)),
        TP_GLEWLWYD_ISSUER: E2E.glewlwydIssuer,
        TP_DATA_DIR: `${E2E.dataDir}/third-party`,
        TP_DATABASE_URL: `postgresql://postgres:keyport-sandbox@127.0.0.1:${E2E.pgPort}/keyport`,
        TP_AWS_URL: E2E.awsUrl,
        NEXT_DIST_DIR: E2E.distDir,
        NEXT_TELEMETRY_DISABLED: '1',
      },
    },
  ],
});
