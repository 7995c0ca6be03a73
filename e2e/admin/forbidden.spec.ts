// Walks the route permission registry: every page and route handler an employee (alice) or an
// auditor (rita) is not granted answers 403 to them — pages through Next's forbidden(), route
// handlers through withAuth. A route added to the registry is covered here automatically.
import { expect, test, type Page } from '@playwright/test';
import { can, type AppRole } from '../../lib/auth/permissions';
import { PAGE_ACCESS, ROUTE_ACCESS } from '../../lib/auth/route-permissions';
import { signIn } from '../fixtures/sign-in';

const SOME_ID = '00000000-0000-4000-8000-000000000000';
const concrete = (path: string) => path.replace(/\[\.\.\.[^\]]+\]/g, 'x').replace(/\[[^\]]+\]/g, SOME_ID);

function refusedFor(roles: AppRole[]) {
  const pages = Object.entries(PAGE_ACCESS).flatMap(([path, rule]) => (typeof rule !== 'string' && !can(roles, rule) ? [path] : []));
  const routes = Object.entries(ROUTE_ACCESS).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, rule]) => (rule && typeof rule !== 'string' && !can(roles, rule) ? [{ path, method }] : [])),
  );
  return { pages, routes };
}

async function expectRefused(page: Page, roles: AppRole[]) {
  const { pages, routes } = refusedFor(roles);
  expect(pages).toContain('/admin/mappings');
  expect(routes.length).toBeGreaterThan(5);
  const origin = new URL(page.url()).origin;
  for (const path of pages) {
    const res = await page.request.get(concrete(path), { maxRedirects: 0 });
    expect(res.status(), `GET ${path}`).toBe(403);
  }
  for (const { path, method } of routes) {
    const res = await page.request.fetch(concrete(path), { method, headers: { origin, 'content-type': 'application/json' }, data: method === 'GET' ? undefined : {}, maxRedirects: 0 });
    expect(res.status(), `${method} ${path}`).toBe(403);
    if (res.headers()['content-type']?.includes('json')) expect((await res.json()).error.code, `${method} ${path}`).toBe('forbidden');
  }
}

test('an employee gets 403 from every admin page, route handler and action', async ({ page }) => {
  await signIn(page, 'alice');
  await expectRefused(page, ['employee']);
});

test('an auditor gets 403 from every admin page, route handler and action', async ({ page }) => {
  await signIn(page, 'rita');
  await expectRefused(page, ['employee', 'auditor']);
});

test('the admin is let in (so the 403s above are about permissions)', async ({ page, request }) => {
  await signIn(page, 'adam');
  expect((await page.request.get('/admin/mappings')).status()).toBe(200);
  expect((await page.request.get('/api/admin/mappings')).status()).toBe(200);
  // Signed out, an admin page sends to sign-in and an admin API answers 401.
  expect((await request.get('/api/admin/mappings')).status()).toBe(401);
});
