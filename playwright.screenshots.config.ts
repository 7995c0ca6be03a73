// Screenshots for a pull request's "before" and "after" (not a test suite: `npm test` never runs
// it). Only the plain sandbox stack, on E2E_PORT_OFFSET like the e2e suite:
//   SCREENSHOT_PHASE=before E2E_PORT_OFFSET=14000 npx playwright test -c playwright.screenshots.config.ts
import { defineConfig } from '@playwright/test';
import base, { E2E_STACK_ENV } from './playwright.config';

const sandbox = Array.isArray(base.webServer) ? base.webServer[0] : base.webServer;

export default defineConfig({
  ...base,
  testDir: 'scripts/screenshots',
  outputDir: `test-results/screenshots-${process.env.E2E_PORT_OFFSET ?? 0}`,
  projects: [{ name: 'screenshots', use: { ...(base.projects?.[0]?.use ?? {}), viewport: { width: 1280, height: 800 } } }],
  webServer: sandbox ? [{ ...sandbox, env: E2E_STACK_ENV }] : [],
});
