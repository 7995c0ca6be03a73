// With Accept-Language: ja the main pages render in Japanese: <html lang="ja">, and no English left
// in the rendered text besides JA_ALLOWED and what is marked translate="no" (names, ARNs, keys).
import { expect, test } from '@playwright/test';
import { englishFindings, expectResults, visitPages } from '../fixtures/page-checks';
import { PAGES, peopleOf, VIEWPORTS } from '../fixtures/pages';

const MAIN = PAGES.filter((p) => p.main);

for (const who of peopleOf(MAIN)) {
  test(`Japanese: the main pages ${who ?? 'a signed-out person'} sees`, async ({ browser }) => {
    test.setTimeout(120_000);
    const results = await visitPages({
      browser,
      who,
      entries: MAIN.filter((p) => p.as === who),
      variants: [{ name: 'desktop', viewport: VIEWPORTS.desktop, colorScheme: 'light' }],
      locale: 'ja-JP',
      find: async (page) => {
        const lang = await page.locator('html').getAttribute('lang');
        return [...(lang === 'ja' ? [] : [`<html lang="${lang}">`]), ...(await englishFindings(page))];
      },
    });
    expectResults('ja', results);
  });
}

test('without Accept-Language: ja Keyport speaks English, and the switcher remembers Japanese', async ({ page }) => {
  await page.goto('/signin');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Keyport');
  await page.getByTestId('language-switcher').click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Keyport にサインイン');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  // And back to English, even with a Japanese browser.
  await page.getByTestId('language-switcher').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the language switcher refuses a cross-site form and an unknown language', async ({ request, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  const crossSite = await request.post('/api/locale', { form: { locale: 'ja', returnTo: '/' }, headers: { origin: 'https://evil.example' }, maxRedirects: 0 });
  expect(crossSite.status()).toBe(403);
  expect(crossSite.headers()['set-cookie']).toBeUndefined();
  const unknown = await request.post('/api/locale', { form: { locale: 'xx', returnTo: '/' }, headers: { origin }, maxRedirects: 0 });
  expect(unknown.status()).toBe(422);
  const offsite = await request.post('/api/locale', { form: { locale: 'ja', returnTo: '//evil.example/x' }, headers: { origin }, maxRedirects: 0 });
  expect(offsite.status()).toBe(303);
  expect(new URL(offsite.headers()['location'] ?? '').pathname).toBe('/');
});
