import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { chromium } from 'playwright-core';

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

/** The environment of the e2e stack's `npm start`; e2e/deploy starts more portal instances beside it. */
export const E2E_STACK_ENV = {
  KEYPORT_DATA_DIR: E2E.dataDir,
  NEXT_DIST_DIR: E2E.distDir,
  PORT: String(E2E.portalPort),
  SANDBOX_OIDC_PORT: String(4101 + offset),
  SANDBOX_AWS_PORT: String(4666 + offset),
  SANDBOX_SAML_PORT: String(4102 + offset),
  SANDBOX_PG_PORT: String(E2E.pgPort),
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
    launchOptions: {
      executablePath: browserExecutable(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // exec: no shell in between, so the stack notices when Playwright goes away.
    command: 'exec node --import tsx scripts/start.ts',
    url: `${E2E.portalUrl}/api/ready`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: E2E_STACK_ENV,
  },
});
