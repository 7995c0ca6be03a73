import { expect, test } from '@playwright/test';
import { signIn } from '../fixtures/sign-in';

test('an engineer signs in through the sandbox IdP and the portal shows their name', async ({ page }) => {
  await signIn(page, 'alice');
  await expect(page.getByTestId('signed-in-user')).toContainText('Alice Anders');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your AWS roles');
  // The session lives on the server: the browser-visible session object carries nothing about the person.
  const session = await page.request.get('/api/auth/session');
  expect(JSON.stringify(await session.json())).not.toMatch(/alice|Anders|engineering|eyJ/);
});

test('a wrong password is refused on the IdP page and nobody is signed in', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /Sign in with/ }).click();
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('not-her-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(/unknown username or wrong password/i)).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
});

test('sign-out ends the server-side session', async ({ page, context }) => {
  await signIn(page, 'rita');
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'keyport.session');
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Lax');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You are signed out of Keyport')).toBeVisible();
  // Replaying the old cookie does not bring the session back: it was revoked on the server.
  await context.addCookies([session!]);
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin/);
});

test('every response carries the security headers, error pages included', async ({ request }) => {
  // Pages (and unknown paths, which render the 404 page) get the per-request nonce CSP from the proxy.
  for (const path of ['/signin', '/no-such-page', '/api/no-such-route']) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h['content-security-policy'], path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(h['content-security-policy'], path).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(h['referrer-policy'], path).toBe('no-referrer');
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['x-request-id'], path).toBeTruthy();
  }
  // The JSON APIs render no HTML: they skip the proxy and carry a static deny-all CSP.
  for (const path of ['/api/health', '/api/roles']) {
    const h = (await request.get(path)).headers();
    expect(h['content-security-policy'], path).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(h['referrer-policy'], path).toBe('no-referrer');
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['x-frame-options'], path).toBe('DENY');
  }
  // withAuth gives every API answer a request id, and refuses to echo an unusable one.
  const echoed = await request.get('/api/roles', { headers: { 'x-request-id': 'bad id <script>' } });
  expect(echoed.status()).toBe(401);
  expect(echoed.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(((await echoed.json()) as { error: { requestId: string } }).error.requestId).toBe(echoed.headers()['x-request-id']);
  expect((await request.get('/no-such-page')).status()).toBe(404);
});

test('the portal reports health and readiness', async ({ request }) => {
  expect((await (await request.get('/api/health')).json()).status).toBe('ok');
  const ready = await request.get('/api/ready');
  expect(ready.status()).toBe(200);
  expect((await ready.json()).status).toBe('ready');
});
