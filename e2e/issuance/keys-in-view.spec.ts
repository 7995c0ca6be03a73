// The employee's ten-times-a-day path: the credentials appear where the person looks, and a
// remembered choice gets keys copied in two clicks from the catalog.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from '../fixtures/sign-in';
import { callerIdentity, parseEnvBlock } from '../fixtures/stack';

async function inViewport(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  const size = page.viewportSize();
  return Boolean(box && size && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width);
}

test.use({ viewport: { width: 1280, height: 800 } });

test('after "Get credentials" focus moves to them, they are announced, the form folds away, and the first Copy button is in view', async ({ page }) => {
  await signIn(page, 'alice');
  await page.getByRole('link', { name: 'Get credentials for Dev developer' }).first().click();
  await page.getByRole('button', { name: 'Get credentials' }).click();
  await expect(page.getByTestId('credentials')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Credentials for Dev developer' })).toBeFocused();
  await expect(page.getByTestId('credentials-announcement')).toContainText('Credentials for Dev developer are ready');
  // One way to ask again, not two: the request form is folded into a summary.
  await expect(page.getByRole('button', { name: 'Get credentials', exact: true })).toHaveCount(0);
  await expect(page.getByTestId('settings-summary')).toBeVisible();
  const firstCopy = page.getByRole('button', { name: /^Copy/ }).first();
  await expect.poll(() => inViewport(page, firstCopy)).toBe(true);
  // The tab title carries the countdown.
  await expect(page).toHaveTitle(/^\d+(h|m) .*Dev developer/);
});

test('with a remembered choice, an engineer has working keys (with the region) copied in 2 clicks from the catalog', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, 'adam');
  // Make the choice once: 15 min in eu-central-1.
  await page.getByRole('link', { name: 'Get credentials for Prod administrator' }).first().click();
  await page.getByRole('button', { name: '15 min' }).click();
  await page.getByLabel('Region').selectOption('eu-central-1');
  await page.getByRole('button', { name: 'Get credentials' }).click();
  await expect(page.getByTestId('credentials')).toBeVisible();

  await page.goto('/');
  const card = page.getByTestId('role-card').filter({ has: page.getByRole('heading', { name: 'Prod administrator', exact: true }) }).first();
  await expect(card.getByTestId('role-live')).toBeVisible();
  // Click 1: "Again: 15 min, eu-central-1".
  await card.getByRole('link', { name: 'Again: 15 min, eu-central-1 — Prod administrator' }).click();
  await expect(page.getByTestId('credentials')).toBeVisible();
  // Click 2: the first Copy button, in view without scrolling.
  // (Pinned by its test id: once clicked it reads "Copied", and /^Copy/ would find the next one.)
  const firstCopyId = await page.getByRole('button', { name: /^Copy/ }).first().getAttribute('data-testid');
  const firstCopy = page.getByTestId(firstCopyId ?? 'none');
  await expect.poll(() => inViewport(page, firstCopy)).toBe(true);
  await firstCopy.click();
  await expect(firstCopy).toHaveText('Copied');
  const env = parseEnvBlock(await page.evaluate(() => navigator.clipboard.readText()));
  expect(env.AWS_REGION).toBe('eu-central-1');
  expect(env.AWS_DEFAULT_REGION).toBe('eu-central-1');
  const arn = await callerIdentity({ accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '', sessionToken: env.AWS_SESSION_TOKEN ?? '' });
  expect(arn).toBe('arn:aws:sts::444455556666:assumed-role/ProdAdmin/adam@example.com');
});

test('"Again" from another site does not issue by itself: the form waits, filled in', async ({ page }) => {
  await signIn(page, 'alice');
  await page.getByRole('link', { name: 'Get credentials for Dev developer' }).first().click();
  await expect(page).toHaveURL(/\/roles\/[0-9a-f-]{36}$/);
  const id = new URL(page.url()).pathname.split('/')[2] ?? '';
  await page.getByRole('button', { name: 'Get credentials' }).click();
  await expect(page.getByTestId('credentials')).toBeVisible();
  // A typed or pasted address (or a link from elsewhere) is no same-origin navigation.
  await page.goto(`/roles/${id}?again=1`);
  await expect(page.getByRole('button', { name: 'Get credentials', exact: true })).toBeVisible();
  await expect(page.getByTestId('credentials')).toHaveCount(0);
});

test('secrets are masked in every format until revealed, and copying works while masked', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, 'alice');
  await page.getByRole('link', { name: 'Get credentials for Dev developer' }).first().click();
  await page.getByRole('button', { name: 'Get credentials' }).click();
  await expect(page.getByTestId('credentials')).toBeVisible();
  // Other tests change alice's remembered format for this role: start from bash.
  await page.getByRole('tab', { name: 'bash / zsh' }).click();
  await page.getByTestId('copy-format-env').click();
  const env = parseEnvBlock(await page.evaluate(() => navigator.clipboard.readText()));
  const secret = env.AWS_SECRET_ACCESS_KEY ?? '';
  expect(secret.length).toBeGreaterThan(20);
  for (const tab of ['bash / zsh', 'fish', 'PowerShell', 'Windows cmd', '.env', 'credential_process']) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await expect(page.getByRole('tabpanel')).not.toContainText(secret);
  }
  await expect(page.locator('body')).not.toContainText(secret);
  await page.getByRole('button', { name: 'Reveal secrets' }).click();
  await expect(page.getByRole('tabpanel')).toContainText(secret);
  await expect(page.getByTestId('secret-access-key')).toHaveText(secret);
});

test('the format tabs follow the ARIA tabs pattern: arrow keys, Home and End move and select', async ({ page }) => {
  await signIn(page, 'alice');
  await page.getByRole('link', { name: 'Get credentials for Dev developer' }).first().click();
  await page.getByRole('button', { name: 'Get credentials' }).click();
  await page.getByRole('tab', { name: 'bash / zsh' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'fish' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'fish' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'credential_process' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'bash / zsh' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'credential_process' })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.getByRole('tab', { name: 'bash / zsh' })).toHaveAttribute('aria-selected', 'true');
  // Only the selected tab is in the Tab order.
  await expect(page.locator('[role=tab][tabindex="0"]')).toHaveCount(1);
});

test('the profile block is named per role, carries the region, and an invalid name disables Copy with the reason', async ({ page }) => {
  await signIn(page, 'alice');
  await page.getByRole('link', { name: 'Get credentials for Dev developer' }).first().click();
  await page.getByLabel('Region').selectOption('eu-west-1');
  await page.getByRole('button', { name: 'Get credentials' }).click();
  await page.getByRole('tab', { name: '~/.aws/credentials' }).click();
  const panel = page.getByRole('tabpanel');
  await expect(page.getByLabel('Profile name')).toHaveValue(/^(sandbox-dev-DevDeveloper|[\w.:/@+=,-]+)$/);
  await page.getByLabel('Profile name').fill('dev-eu');
  await expect(panel).toContainText('[dev-eu]');
  await expect(panel).toContainText('region = eu-west-1');
  await page.getByLabel('Profile name').fill('bad name]');
  const copy = panel.getByRole('button', { name: /^Copy/ });
  await expect(copy).toBeDisabled();
  await expect(copy).toHaveAccessibleDescription(/no spaces or brackets/);
});

test('the countdown stands out in the last 5 minutes, and an expired card shows UTC and local time', async ({ page }) => {
  await page.clock.install();
  await signIn(page, 'alice');
  await page.getByRole('link', { name: 'Get credentials for Dev developer' }).first().click();
  await page.getByRole('button', { name: '15 min' }).click();
  await page.getByRole('button', { name: 'Get credentials' }).click();
  await expect(page.getByTestId('expiry')).toHaveAttribute('data-soon', 'false');
  await page.clock.fastForward('10:30');
  await expect(page.getByTestId('expiry')).toHaveAttribute('data-soon', 'true');
  await expect(page.getByTestId('expiry')).toContainText('Expires soon');
  await page.clock.fastForward('05:00');
  const expired = page.getByTestId('credentials-expired');
  await expect(expired).toContainText(/UTC/);
  await expect(expired).toContainText('your time');
  await expect(expired.getByRole('button', { name: 'Get new credentials' })).toBeVisible();
});
