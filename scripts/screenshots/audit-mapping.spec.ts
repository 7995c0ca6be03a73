// The audit and mapping pages as a reviewer and an admin see them, at 1280×800, into
// docs/screenshots/<SCREENSHOT_PHASE>/ (before | after).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from '../../e2e/fixtures/sign-in';

const phase = process.env.SCREENSHOT_PHASE === 'after' ? 'after' : 'before';
const dir = `docs/screenshots/${phase}`;

async function as(browser: Browser, username: string, locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale, extraHTTPHeaders: { 'Accept-Language': locale } });
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

test.describe.configure({ mode: 'serial' });

test('audit and mapping pages', async ({ browser }) => {
  test.setTimeout(240_000);
  // Some events: alice gets credentials for two roles and one request is refused by AWS.
  const alice = await as(browser, 'alice');
  for (const label of ['Dev read-only', 'Prod read-only', 'Legacy data science']) {
    await alice.goto('/');
    const link = alice.getByRole('link', { name: new RegExp(`${label}`, 'i') }).first();
    if (!(await link.count())) continue;
    await link.click();
    const button = alice.getByRole('button', { name: /Get credentials/ });
    if (await button.count()) await button.first().click();
    await alice.waitForTimeout(1500);
  }

  const rita = await as(browser, 'rita');
  await rita.goto('/audit');
  await expect(rita.getByRole('heading', { level: 1 })).toBeVisible();
  await rita.screenshot({ path: `${dir}/audit-search.png`, fullPage: true });
  const detail = rita.getByRole('link', { name: /Details of event/ }).first();
  if (await detail.count()) {
    await detail.click();
    await rita.waitForLoadState('networkidle');
    await rita.screenshot({ path: `${dir}/audit-event.png`, fullPage: true });
  }
  await rita.goto('/revocations');
  await rita.screenshot({ path: `${dir}/audit-revocations.png`, fullPage: true });
  if (phase === 'after') {
    await rita.goto('/people');
    await rita.screenshot({ path: `${dir}/audit-people.png`, fullPage: true });
    const ja = await as(browser, 'rita', 'ja');
    await ja.goto('/audit');
    await ja.screenshot({ path: `${dir}/audit-search-ja.png`, fullPage: true });
  }

  const adam = await as(browser, 'adam');
  await adam.goto('/admin/mappings');
  await expect(adam.getByRole('heading', { level: 1 })).toBeVisible();
  await adam.screenshot({ path: `${dir}/mapping-list.png`, fullPage: true });
  await adam.goto('/admin/mappings/new');
  await adam.screenshot({ path: `${dir}/mapping-form-new.png`, fullPage: true });
  await adam.goto('/admin/mappings');
  const edit = adam.locator('a[href^="/admin/mappings/"]').filter({ hasNotText: /new|import|preview/i }).first();
  if (await edit.count()) {
    await edit.click();
    await adam.waitForLoadState('networkidle');
    await adam.screenshot({ path: `${dir}/mapping-form-edit.png`, fullPage: true });
  }
  await adam.goto('/admin/mappings/preview');
  await adam.screenshot({ path: `${dir}/mapping-preview.png`, fullPage: true });
});
