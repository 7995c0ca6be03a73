// A crafted return link never takes a signed-in person off Keyport: every redirect to a path the
// browser chose goes through one check (lib/http/safe-return-path.ts).
import { expect, test } from '@playwright/test';
import { signIn } from '../fixtures/sign-in';
import { E2E, query } from '../fixtures/stack';

const CRAFTED = ['//evil.example/', '/\\evil.example/', '\\/evil.example/', '/%5Cevil.example/', '/%09/evil.example/', '/.//evil.example/', 'https:evil.example', 'https://evil.example/', 'javascript:alert(1)'];

test('a signed-in person who opens a crafted link stays on Keyport', async ({ page }) => {
  await signIn(page, 'erin');
  const origin = new URL(E2E.portalUrl).origin;
  for (const bad of CRAFTED) {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(bad)}`);
    expect(new URL(page.url()).origin, bad).toBe(origin);
    await expect(page.getByTestId('signed-in-user')).toBeVisible();
  }
  // A good one is followed.
  await page.goto(`/signin?callbackUrl=${encodeURIComponent('/history')}`);
  await expect(page).toHaveURL(`${origin}/history`);
});

test('the SAML sign-in keeps only a same-origin return path with its request', async ({ request }) => {
  const res = await request.get(`/api/saml/login?callbackUrl=${encodeURIComponent('/%5Cevil.example/')}`, { maxRedirects: 0 });
  expect(res.status()).toBe(303);
  const location = new URL(res.headers().location ?? '');
  const samlRequest = location.searchParams.get('SAMLRequest');
  expect(samlRequest).toBeTruthy();
  const rows = await query<{ return_to: string }>(
    "SELECT pending->>'returnTo' AS return_to FROM saml_requests WHERE purpose = 'SIGN_IN' ORDER BY created_at DESC LIMIT 20",
  );
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.map((r) => r.return_to)).not.toContain('/%5Cevil.example/');
  for (const r of rows) expect(r.return_to.startsWith('//')).toBe(false);
});
