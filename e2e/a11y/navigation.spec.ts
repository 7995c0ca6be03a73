// Keyboard and screen-reader basics on every navigation: a skip link first, a visible focus ring,
// a title per page, aria-current on the navigation.
import { expect, test } from '@playwright/test';
import { signIn } from '../fixtures/sign-in';

test('the first Tab lands on a skip link that moves focus to the main content', async ({ page }) => {
  await signIn(page, 'alice');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  // The focus ring is drawn (outline), not suppressed.
  expect(await skip.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
});

test('each page has its own title, and the navigation marks the current page', async ({ page }) => {
  await signIn(page, 'alice');
  await expect(page).toHaveTitle('Your AWS roles — Keyport');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Roles' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('link', { name: 'History' }).click();
  await expect(page).toHaveTitle('Your history — Keyport');
  await expect(nav.getByRole('link', { name: 'History' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Roles' })).not.toHaveAttribute('aria-current', 'page');
  await page.goto('/no-such-page');
  await expect(page).toHaveTitle('Page not found — Keyport');
  // One h1 per page.
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
});

test('a failed request moves focus to the explanation', async ({ page }) => {
  await signIn(page, 'alice');
  await page.getByRole('link', { name: 'Get credentials for Data science (legacy)' }).first().click();
  await page.getByRole('button', { name: 'Get credentials' }).click();
  await expect(page.getByTestId('issue-error')).toBeFocused();
});

test('a role whose issuances fail says so on its catalog card, with the count and the fix', async ({ page }) => {
  await signIn(page, 'alice');
  await page.getByRole('link', { name: 'Get credentials for Data science (legacy)' }).first().click();
  await page.getByRole('button', { name: 'Get credentials' }).click();
  await expect(page.getByTestId('issue-error')).toContainText('trust policy does not trust this portal');
  await page.goto('/');
  const card = page.getByTestId('role-card').filter({ has: page.getByRole('heading', { name: 'Data science (legacy)', exact: true }) }).first();
  const warning = card.getByTestId('role-health');
  await expect(warning).toContainText(/failed \(AccessDenied\)/);
  await expect(warning).toContainText("update the role's trust policy");
});
