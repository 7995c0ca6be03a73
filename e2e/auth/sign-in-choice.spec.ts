// The sign-in page: which sign-in to use, a calm way back after cancelling at the IdP, and what
// sign-out leaves open.
import { expect, test } from '@playwright/test';
import { signIn } from '../fixtures/sign-in';

test('with OIDC and SAML both on, the sign-in page says which one to use', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.getByTestId('sign-in-choice')).toContainText(/Use .+ — it covers most roles\. Use .+ only for the roles marked “SAML sign-in”/);
});

test('cancelling at the IdP lands on a calm page with a retry button, not an error', async ({ page }) => {
  await page.goto('/signin');
  await page.getByRole('button', { name: /Sign in with/ }).first().click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(/\/signin/);
  const note = page.getByTestId('sign-in-cancelled');
  await expect(note).toBeVisible();
  await expect(note).toHaveAttribute('role', 'status');
  // (Next's route announcer is an empty alert region; no alert says anything.)
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Try signing in again' }).click();
  await expect(page.getByLabel('Username')).toBeVisible();
});

test('sign-out says the IdP session may still be open', async ({ page }) => {
  await signIn(page, 'alice');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('signed-out')).toContainText('You are signed out of Keyport');
  await expect(page.getByTestId('signed-out')).toContainText(/may still be open/);
});

test('in Japanese, the sign-in page and the sandbox banner are translated and <html lang="ja">', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  await page.goto('/signin');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Keyport にサインイン');
  await expect(page.getByRole('status').first()).toContainText('サンドボックスモード');
  await context.close();
});
