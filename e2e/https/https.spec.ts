// The portal as production serves it: over HTTPS (Keyport's own TLS, a CA made for this run that
// only this Chromium trusts), with `__Host-` cookies and HSTS. Cookies are read from the browser's
// own jar, so "deleted" means the browser really dropped them.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { signInWithSaml } from '../fixtures/saml';
import { signIn } from '../fixtures/sign-in';
import { callerIdentity, E2E_HTTPS, E2E_HTTPS_DATABASE_URL, query } from '../fixtures/stack';

const portalCookies = async (context: BrowserContext) => (await context.cookies(E2E_HTTPS.portalUrl)).filter((c) => /keyport|next-auth/.test(c.name));

/** A same-origin request from the page, through the browser's own TLS and cookie jar. */
function pageFetch(page: Page, path: string, method = 'GET'): Promise<{ status: number; hsts: string | null; body: string }> {
  return page.evaluate(
    async ({ path, method }) => {
      const res = await fetch(path, { method, cache: 'no-store' });
      return { status: res.status, hsts: res.headers.get('strict-transport-security'), body: await res.text() };
    },
    { path, method },
  );
}

test('over HTTPS every Keyport cookie is __Host-/__Secure-, Secure and HttpOnly, and HSTS is sent on pages and APIs', async ({ page, context }) => {
  const signinPage = await page.goto('/signin');
  expect(signinPage?.url()).toMatch(/^https:\/\/localhost:\d+\/signin/);
  expect(signinPage?.headers()['strict-transport-security']).toMatch(/^max-age=\d{8,}; includeSubDomains$/);

  await signIn(page, 'alice');
  const cookies = await portalCookies(context);
  const session = cookies.find((c) => c.name === '__Host-keyport.session');
  expect(session, 'the session cookie is __Host-').toBeDefined();
  expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
  expect(cookies.map((c) => c.name)).not.toContain('keyport.session');
  for (const c of cookies) {
    expect(c.name, c.name).toMatch(/^__(Host|Secure)-/);
    expect(c.secure, c.name).toBe(true);
    expect(c.httpOnly, c.name).toBe(true);
  }

  // The JSON APIs skip proxy.ts; Keyport's server sends HSTS on them too.
  const roles = await pageFetch(page, '/api/roles');
  expect(roles.status).toBe(200);
  expect(roles.hsts).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  expect((await pageFetch(page, '/api/health')).hsts).toMatch(/^max-age=/);
});

test('sign-out really deletes the __Host- session cookie from the browser', async ({ page, context }) => {
  await signIn(page, 'rita');
  expect((await portalCookies(context)).map((c) => c.name)).toContain('__Host-keyport.session');
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/signout'));
  await page.getByRole('button', { name: 'Sign out' }).click();
  const deletion = (await (await answer).headerValue('set-cookie')) ?? '';
  expect(deletion).toMatch(/^__Host-keyport\.session=;/);
  expect(deletion).toMatch(/; Secure/);
  await expect(page.getByText('You are signed out of Keyport')).toBeVisible();
  expect((await portalCookies(context)).map((c) => c.name)).not.toContain('__Host-keyport.session');
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
});

test('the SAML result cookie is __Host-, Secure and HttpOnly, read once, then really deleted; the audit has the real source address', async ({ page, context }) => {
  // A client claiming another address is not believed (TRUSTED_PROXY_HOPS is 0 here).
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': '203.0.113.66' });
  await signInWithSaml(page, 'sam');
  // The SAML sign-in's one-time nonce cookie is gone once the sign-in completed.
  expect((await portalCookies(context)).map((c) => c.name)).not.toContain('__Host-keyport.saml-login');
  await page.getByRole('link', { name: 'Get credentials for Dev developer (SAML)' }).first().click();
  await page.getByRole('button', { name: '1 h' }).click();

  const acs = page.waitForResponse((r) => r.url().endsWith('/api/saml/acs') && r.request().method() === 'POST');
  const result = page.waitForResponse((r) => r.url().endsWith('/api/saml/result'));
  await page.getByRole('button', { name: /Get credentials/ }).click();

  // The ACS hands the sealed result over in a __Host- cookie.
  const setByAcs = ((await (await acs).headerValue('set-cookie')) ?? '').split('\n').find((l) => l.startsWith('__Host-keyport.saml-result='));
  expect(setByAcs).toBeDefined();
  const attrs = (setByAcs ?? '').split(';').slice(1).map((a) => a.trim().toLowerCase());
  expect(attrs).toEqual(expect.arrayContaining(['path=/', 'secure', 'httponly', 'samesite=lax']));
  expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);

  const first = await result;
  expect(first.status()).toBe(200);
  const creds = ((await first.json()) as { credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string } }).credentials;
  await expect(page.getByTestId('credentials')).toBeVisible();
  expect(await callerIdentity({ accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken }, E2E_HTTPS.awsUrl)).toBe('arn:aws:sts::111122223333:assumed-role/SamlDeveloper/sam@example.com');

  // Gone from the browser's jar, and asking again gives nothing: the credentials were readable once.
  expect((await portalCookies(context)).map((c) => c.name)).not.toContain('__Host-keyport.saml-result');
  const again = await pageFetch(page, '/api/saml/result', 'POST');
  expect(again.status).toBe(404);
  expect(again.body).not.toContain(creds.accessKeyId);
  expect(again.body).toContain('shown once');

  const rows = await query<{ type: string; source_ip: string | null }>(
    'SELECT type, source_ip FROM audit_events WHERE intent_id IN (SELECT intent_id FROM audit_events WHERE access_key_id = $1)',
    [creds.accessKeyId],
    E2E_HTTPS_DATABASE_URL,
  );
  expect(rows.map((r) => r.type).sort()).toEqual(['ISSUE_REQUESTED', 'ISSUE_SUCCEEDED']);
  for (const r of rows) expect(r.source_ip).toMatch(/^(127\.0\.0\.1|::1)$/);
});
