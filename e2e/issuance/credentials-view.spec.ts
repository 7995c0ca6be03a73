import { expect, test } from '@playwright/test';
import { signIn } from '../fixtures/sign-in';

test.beforeEach(async ({ page }) => {
  await signIn(page, 'alice');
  await page.getByRole('link', { name: 'Get credentials for Dev developer' }).first().click();
});

test('"Open AWS console" signs in to the (sandbox) console as the assumed role, in the chosen region', async ({ page, context }) => {
  await page.getByLabel('Region').selectOption('eu-west-1');
  await page.getByRole('button', { name: '15 min' }).click();
  await page.getByRole('button', { name: 'Get credentials' }).click();
  await expect(page.getByTestId('credentials')).toBeVisible();
  const [consolePage] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Open AWS console' }).click()]);
  await consolePage.waitForLoadState();
  await expect(consolePage.locator('#signed-in-as')).toContainText('arn:aws:sts::111122223333:assumed-role/DevDeveloper/alice@example.com');
  await expect(consolePage.locator('#region')).toHaveText('eu-west-1');
});

test('expired credentials turn into an expired state with one click to get new ones', async ({ page }) => {
  await page.clock.install();
  await page.getByRole('button', { name: '15 min' }).click();
  await page.getByRole('button', { name: 'Get credentials' }).click();
  await expect(page.getByTestId('credentials')).toBeVisible();
  const firstKey = await page.getByTestId('access-key-id').textContent();
  await page.clock.fastForward('16:00');
  await expect(page.getByTestId('credentials-expired')).toBeVisible();
  // Back to real time, then one click renews.
  await page.clock.setSystemTime(new Date());
  await page.getByRole('button', { name: 'Get new credentials' }).click();
  await expect(page.getByTestId('credentials')).toBeVisible();
  await expect(page.getByTestId('access-key-id')).not.toHaveText(firstKey ?? '');
});

test('the credentials response is not cached and Back does not show the secrets again', async ({ page }) => {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/credentials')),
    page.getByRole('button', { name: 'Get credentials' }).click(),
  ]);
  expect(response.headers()['cache-control']).toBe('no-store, no-transform');
  // no-transform: neither a proxy nor the server rewrites (or compresses) the secrets.
  expect(response.headers()['content-encoding']).toBeUndefined();
  await expect(page.getByTestId('credentials')).toBeVisible();
  const secret = (await response.json()).credentials.secretAccessKey as string;
  await page.getByRole('link', { name: '← All roles' }).click();
  await expect(page.getByRole('heading', { name: 'Your AWS roles' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('button', { name: 'Get credentials' })).toBeVisible();
  await expect(page.getByTestId('credentials')).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
});

test('every export format is offered with a copy button, and the profile name is editable', async ({ page }) => {
  await page.getByRole('button', { name: 'Get credentials' }).click();
  await expect(page.getByTestId('credentials')).toBeVisible();
  const key = (await page.getByTestId('access-key-id').textContent()) ?? '';
  for (const [tab, needle] of [
    ['bash / zsh', `export AWS_ACCESS_KEY_ID=${key}`],
    ['fish', `set -gx AWS_ACCESS_KEY_ID "${key}"`],
    ['PowerShell', `$Env:AWS_ACCESS_KEY_ID="${key}"`],
    ['Windows cmd', `set AWS_ACCESS_KEY_ID=${key}`],
  ] as const) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await expect(page.getByRole('tabpanel')).toContainText(needle);
    await expect(page.getByRole('tabpanel').getByRole('button', { name: /^Copy/ })).toBeVisible();
  }
  await page.getByRole('tab', { name: '~/.aws/credentials' }).click();
  await page.getByLabel('Profile name').fill('dev-admin');
  await expect(page.getByRole('tabpanel')).toContainText('[dev-admin]');
  await page.getByLabel('Profile name').fill('bad name]');
  await expect(page.getByRole('tabpanel')).toContainText('no spaces or brackets');
});
