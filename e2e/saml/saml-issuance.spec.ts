import { expect, test } from '@playwright/test';
import { signInWithSaml } from '../fixtures/saml';
import { callerIdentity, parseEnvBlock, query } from '../fixtures/stack';

test('a SAML-only person signs in through the SAML IdP, gets credentials for a SAML role through it, and the keys work', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signInWithSaml(page, 'sam');
  const cards = page.getByTestId('role-card');
  await expect(cards.filter({ hasText: 'Dev developer (SAML)' }).first()).toBeVisible();
  // OIDC-only roles are not offered to a SAML sign-in.
  expect((await cards.allTextContents()).join('\n')).not.toContain('Dev read-only');

  await page.getByRole('link', { name: 'Get credentials for Dev developer (SAML)' }).first().click();
  await page.getByRole('button', { name: '1 h' }).click();
  await page.getByRole('button', { name: /Get credentials/ }).click();
  // Through the IdP (already signed in there) and back through the ACS to this page.
  await expect(page.getByTestId('credentials')).toBeVisible();
  await expect(page).toHaveURL(/\/roles\/[0-9a-f-]+$/);

  await page.getByTestId('copy-format-env').click();
  const env = parseEnvBlock(await page.evaluate(() => navigator.clipboard.readText()));
  expect(env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA[A-Z2-7]{16}$/);
  const arn = await callerIdentity({ accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '', sessionToken: env.AWS_SESSION_TOKEN ?? '' });
  expect(arn).toBe('arn:aws:sts::111122223333:assumed-role/SamlDeveloper/sam@example.com');

  const rows = await query<{ type: string; idp_kind: string; session_name: string }>(
    'SELECT type, idp_kind, session_name FROM audit_events WHERE intent_id IN (SELECT intent_id FROM audit_events WHERE access_key_id = $1)',
    [env.AWS_ACCESS_KEY_ID],
  );
  expect(rows.map((r) => r.type).sort()).toEqual(['ISSUE_REQUESTED', 'ISSUE_SUCCEEDED']);
  expect(rows.every((r) => r.idp_kind === 'SAML' && r.session_name === 'sam@example.com')).toBe(true);

  // The result is shown once: a reload does not bring the secrets back.
  await page.reload();
  await expect(page.getByTestId('credentials')).toHaveCount(0);
});

test('a SAML response posted to the ACS a second time is refused with an explanation', async ({ page }) => {
  let posted: { url: string; body: string } | null = null;
  page.on('request', (req) => {
    if (req.method() === 'POST' && req.url().endsWith('/api/saml/acs')) posted = { url: req.url(), body: req.postData() ?? '' };
  });
  await signInWithSaml(page, 'sam');
  expect(posted).not.toBeNull();
  const again = posted as unknown as { url: string; body: string };
  // Replay it from another browser context, as an attacker holding the response would.
  const replay = await page.context().browser()?.newContext();
  const other = await replay?.newPage();
  await other?.route('**/replay', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<form method="post" action="${again.url}">${[...new URLSearchParams(again.body)].map(([k, v]) => `<input type="hidden" name="${k}" value="${v.replace(/"/g, '&quot;')}">`).join('')}<button>post</button></form>`,
    }),
  );
  await other?.goto(`${new URL(again.url).origin.replace('localhost', '127.0.0.1')}/replay`);
  await other?.getByRole('button', { name: 'post' }).click();
  await expect(other!).toHaveURL(/\/signin\?samlError=replayed/);
  await expect(other!.locator('p[role="alert"]')).toContainText('already used');
  await replay?.close();
});

test('a SAML sign-in finishes only in the browser that started it (no login CSRF)', async ({ page, browser }) => {
  let completeUrl: string | null = null;
  page.on('request', (req) => {
    if (req.url().includes('/api/saml/complete?')) completeUrl = req.url();
  });
  await signInWithSaml(page, 'sam');
  expect(completeUrl).not.toBeNull();
  // Another browser (a victim lured to the attacker's finished sign-in) is not signed in by it.
  const victim = await browser.newContext();
  const other = await victim.newPage();
  await other.goto(completeUrl as unknown as string);
  await expect(other).toHaveURL(/\/signin\?samlError=other_browser/);
  await expect(other.locator('p[role="alert"]')).toContainText('another browser');
  await other.goto('/');
  await expect(other).toHaveURL(/\/signin/);
  await victim.close();
});

test('the portal publishes its SAML SP metadata with the ACS URL', async ({ request }) => {
  const res = await request.get('/api/saml/metadata');
  expect(res.status()).toBe(200);
  const xml = await res.text();
  expect(xml).toContain('entityID="http://localhost:');
  expect(xml).toMatch(/AssertionConsumerService[^>]+Location="http:\/\/localhost:\d+\/api\/saml\/acs"/);
});

test('the ACS refuses an oversized body (413) and a DOCTYPE payload, signing nobody in', async ({ request }) => {
  const big = await request.post('/api/saml/acs', { form: { SAMLResponse: 'A'.repeat(1_200_000) }, maxRedirects: 0 });
  expect(big.status()).toBe(413);
  const doctype = Buffer.from('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">&x;</samlp:Response>').toString('base64');
  const refused = await request.post('/api/saml/acs', { form: { SAMLResponse: doctype }, maxRedirects: 0 });
  expect(refused.status()).toBe(303);
  expect(refused.headers()['location']).toBe('/signin?samlError=doctype');
  expect(refused.headers()['set-cookie'] ?? '').not.toContain('keyport.session');
});
