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

// The e2e stack is the real `npm start` sandbox on its own ports, data folder and build folder.
// E2E_PORT_OFFSET lets several runs share a machine without colliding.
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const E2E = {
  portalPort: 3100 + offset,
  portalUrl: `http://localhost:${3100 + offset}`,
  oidcIssuer: `http://localhost:${4101 + offset}`,
  awsUrl: `http://localhost:${4666 + offset}`,
  samlUrl: `http://localhost:${4102 + offset}`,
  pgPort: 5533 + offset,
  dataDir: `.data/e2e-${offset}`,
  distDir: `.data/next-e2e-${offset}`,
};

// The same portal served over HTTPS by Keyport itself (KEYPORT_TLS_*), as production serves it:
// `__Host-` Secure cookies and HSTS. A second sandbox with its own ports and data folder, on the
// same build as the first (scripts/ensure-build.ts lets one of the two starts build, the other
// waits), with a CA made for this run that only the test's Chromium trusts.
const tls = ensureTestTls(`.data/e2e-https-${offset}/tls`);
export const E2E_HTTPS = {
  portalPort: 3200 + offset,
  portalUrl: `https://localhost:${3200 + offset}`,
  oidcIssuer: `http://localhost:${4201 + offset}`,
  awsUrl: `http://localhost:${4766 + offset}`,
  samlUrl: `http://localhost:${4202 + offset}`,
  pgPort: 5633 + offset,
  dataDir: `.data/e2e-https-${offset}`,
  tls,
};

const browserArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const stackEnv = {
  NEXT_DIST_DIR: E2E.distDir,
  NEXT_TELEMETRY_DISABLED: '1',
};

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
    {
      // exec: no shell in between, so the stack notices when Playwright goes away.
      command: 'exec node --import tsx scripts/start.ts',
      url: `${E2E.portalUrl}/api/ready`,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        ...stackEnv,
        KEYPORT_DATA_DIR: E2E.dataDir,
        PORT: String(E2E.portalPort),
        SANDBOX_OIDC_PORT: String(4101 + offset),
        SANDBOX_AWS_PORT: String(4666 + offset),
        SANDBOX_SAML_PORT: String(4102 + offset),
        SANDBOX_PG_PORT: String(E2E.pgPort),
      },
    },
    {
      command: 'exec node --import tsx scripts/start.ts',
      url: `${E2E_HTTPS.portalUrl}/api/ready`,
      // The readiness probe only; the browser checks the certificate.
      ignoreHTTPSErrors: true,
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        ...stackEnv,
        KEYPORT_DATA_DIR: E2E_HTTPS.dataDir,
        PORT: String(E2E_HTTPS.portalPort),
        KEYPORT_TLS_CERT_FILE: tls.certFile,
        KEYPORT_TLS_KEY_FILE: tls.keyFile,
        SANDBOX_OIDC_PORT: String(4201 + offset),
        SANDBOX_AWS_PORT: String(4766 + offset),
        SANDBOX_SAML_PORT: String(4202 + offset),
        SANDBOX_PG_PORT: String(E2E_HTTPS.pgPort),
      },
    },
  ],
});
