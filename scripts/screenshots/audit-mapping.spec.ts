// The audit and mapping pages as a reviewer and an admin see them, at 1280×800, into
// docs/screenshots/<SCREENSHOT_PHASE>/ (before | after).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from '../../e2e/fixtures/sign-in';
import { E2E, query } from '../../e2e/fixtures/stack';

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
  // Some events: alice gets credentials for two roles, and one request is refused by AWS (the
  // misconfigured DataScienceLegacy role).
  const alice = await as(browser, 'alice');
  const origin = new URL(E2E.portalUrl).origin;
  const mappings = await query<{ id: string }>("SELECT id::text FROM role_mappings WHERE idp_group = 'engineering' AND (role_arn LIKE '%DevReadOnly' OR role_arn LIKE '%DevDeveloper' OR role_arn LIKE '%DataScienceLegacy') ORDER BY role_arn");
  for (const m of mappings) await alice.request.post('/api/credentials', { data: { mappingId: m.id, durationSeconds: 900, region: 'us-east-1' }, headers: { origin } });

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
  const [legacy] = await query<{ id: string }>("SELECT id::text FROM role_mappings WHERE idp_group = 'engineering' AND role_arn LIKE '%DataScienceLegacy'");
  await adam.goto(`/admin/mappings/${legacy?.id ?? ''}`);
  await adam.waitForLoadState('networkidle');
  if (phase === 'after') {
    await adam.getByRole('button', { name: 'Test this mapping' }).click();
    await adam.getByTestId('test-result').waitFor();
  }
  await adam.screenshot({ path: `${dir}/mapping-form-edit.png`, fullPage: true });
  await adam.goto(phase === 'after' ? `/admin/mappings/preview?role=${encodeURIComponent('arn:aws:iam::111122223333:role/DevReadOnly')}` : '/admin/mappings/preview');
  await adam.screenshot({ path: `${dir}/mapping-preview.png`, fullPage: true });
  if (phase === 'after') {
    const ja = await as(browser, 'adam', 'ja');
    await ja.goto('/admin/mappings');
    await ja.screenshot({ path: `${dir}/mapping-list-ja.png`, fullPage: true });
    const mobile = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    const phone = await mobile.newPage();
    await signIn(phone, 'rita');
    await phone.goto('/audit');
    await phone.screenshot({ path: `${dir}/audit-search-390-dark.png`, fullPage: true });
  }
});
