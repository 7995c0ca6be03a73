// The reviewer's audit search and People view, and the admin's "Test this mapping", in a real
// browser: presets, bad input kept and explained beside its field, a request and its outcome as
// one row, links to filters; everyone seen with their live credentials; a dry run against AWS.
import { expect, test } from '@playwright/test';
import { signIn } from '../fixtures/sign-in';
import { E2E, query } from '../fixtures/stack';

test('the audit search: presets, bad input explained in words and kept, one row per request, links that filter', async ({ page, browser }) => {
  // alice gets credentials, so there is a request and its outcome to find.
  const alice = await (await browser.newContext({ baseURL: E2E.portalUrl })).newPage();
  await signIn(alice, 'alice');
  const [mapping] = await query<{ id: string }>("SELECT id::text FROM role_mappings WHERE idp_group = 'engineering' AND role_arn LIKE '%DevDeveloper'");
  const issued = await alice.request.post('/api/credentials', { data: { mappingId: mapping?.id, durationSeconds: 900, region: 'us-east-1' }, headers: { origin: new URL(E2E.portalUrl).origin } });
  expect(issued.status()).toBe(200);
  const { credentials } = (await issued.json()) as { credentials: { accessKeyId: string } };

  await signIn(page, 'rita');
  await page.goto(`/audit?key=${credentials.accessKeyId}`);
  await expect(page.getByTestId('audit-count')).toHaveText('1 event');
  // The key's search finds the outcome; the person's finds the request and its outcome as one row.
  await page.getByTestId('audit-row').first().getByRole('link', { name: /^Events of Alice/ }).click();
  await expect(page).toHaveURL(/person=/);
  const row = page.locator(`[data-testid="audit-row"]`).filter({ has: page.getByText(credentials.accessKeyId) });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('row-request')).toContainText(/Request #\d+/);

  // Presets: a window ending now, and failures only; the URL keeps them.
  await page.getByRole('link', { name: 'Last hour' }).click();
  await expect(page).toHaveURL(/since=1h/);
  await expect(page.getByRole('link', { name: 'Last hour' })).toHaveAttribute('aria-current', 'true');
  await page.getByRole('link', { name: 'Failures only' }).click();
  await expect(page).toHaveURL(/failures=1/);
  await expect(page).toHaveURL(/since=1h/);
  await expect(page.getByTestId('audit-row').filter({ hasText: 'Credentials issued' })).toHaveCount(0);

  // Bad input: kept as typed, and said in words beside the field — never a parameter name.
  await page.goto('/audit?account=1234&role=DevReadOnly');
  await expect(page.getByTestId('audit-problem')).toBeVisible();
  await expect(page.getByTestId('audit-problem')).not.toContainText('account:');
  await expect(page.getByTestId('filter-error-filter-account')).toHaveText('An AWS account ID is 12 digits, like 123456789012.');
  await expect(page.getByLabel('Account', { exact: true })).toHaveValue('1234');
  await expect(page.getByLabel('Account', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Role ARN')).toHaveValue('DevReadOnly');
});

test('People: everyone seen, searchable, with their live credentials per role; revoking asks first', async ({ page, browser }) => {
  const alice = await (await browser.newContext({ baseURL: E2E.portalUrl })).newPage();
  await signIn(alice, 'alice');
  const [mapping] = await query<{ id: string }>("SELECT id::text FROM role_mappings WHERE idp_group = 'engineering' AND role_arn LIKE '%DevDeveloper'");
  const issued = await alice.request.post('/api/credentials', { data: { mappingId: mapping?.id, durationSeconds: 900, region: 'us-east-1' }, headers: { origin: new URL(E2E.portalUrl).origin } });
  expect(issued.status()).toBe(200);

  await signIn(page, 'rita');
  await page.goto('/people');
  await page.getByLabel('Name, e-mail or subject').fill('alice@example');
  await page.getByRole('button', { name: 'Search' }).click();
  const person = page.getByTestId('person-row').filter({ hasText: 'alice@example.com' });
  await expect(person).toHaveCount(1);
  await expect(person.getByTestId('person-live')).toContainText(/\d+ live AWS sessions?/);
  await expect(person.getByTestId('person-live')).toContainText('DevDeveloper');
  await expect(person).not.toContainText(/\d{4}-\d\d-\d\dT\d\d:/);
  // Revoking from here: a reason, then a confirm step; cancelling revokes nothing.
  const before = await query<{ n: string }>("SELECT count(*)::text AS n FROM revocations WHERE person_email = 'alice@example.com'");
  await person.locator('summary', { hasText: /^Revoke / }).click();
  const form = person.getByRole('form', { name: 'Revoke this person’s sessions' });
  await expect(form.getByTestId('revoke-live')).toContainText('on DevDeveloper');
  await form.getByLabel(/Reason/).fill('e2e: only looking');
  await form.getByRole('button', { name: 'Revoke person’s sessions…' }).click();
  await expect(form.getByRole('button', { name: 'Yes, revoke this person' })).toBeFocused();
  await form.getByRole('button', { name: 'Cancel' }).click();
  expect(await query<{ n: string }>("SELECT count(*)::text AS n FROM revocations WHERE person_email = 'alice@example.com'")).toEqual(before);
});

test('Test this mapping: AWS answers for the role — trusted for a role that trusts Keyport, AccessDenied with the fix for one that does not', async ({ page, browser }) => {
  // alice's request for the misconfigured role fails at AWS: its mapping then shows as failing.
  const alice = await (await browser.newContext({ baseURL: E2E.portalUrl })).newPage();
  await signIn(alice, 'alice');
  const [legacy] = await query<{ id: string }>("SELECT id::text FROM role_mappings WHERE idp_group = 'engineering' AND role_arn LIKE '%DataScienceLegacy'");
  const failed = await alice.request.post('/api/credentials', { data: { mappingId: legacy?.id, durationSeconds: 900, region: 'us-east-1' }, headers: { origin: new URL(E2E.portalUrl).origin } });
  expect(failed.status()).toBeGreaterThanOrEqual(400);
  await signIn(page, 'adam');
  await page.goto('/admin/mappings');
  await expect(page.locator(`[data-mapping-id="${legacy?.id}"]`).getByTestId('mapping-health')).toContainText(/failures? \(AccessDenied\)/);
  await page.goto(`/admin/mappings/${legacy?.id}`);
  await expect(page.getByTestId('mapping-health-warning')).toContainText('AccessDenied');
  await expect(page.getByTestId('mapping-health-warning')).toContainText('What to do:');
  const [good] = await query<{ id: string }>("SELECT id::text FROM role_mappings WHERE idp_group = 'eng-oncall' AND role_arn LIKE '%ProdReadOnly'");
  const [broken] = await query<{ id: string }>("SELECT id::text FROM role_mappings WHERE role_arn LIKE '%DataScienceLegacy' LIMIT 1");
  await page.goto(`/admin/mappings/${good?.id}`);
  await page.getByRole('button', { name: 'Test this mapping' }).click();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-outcome', 'trusted');
  await expect(page.getByTestId('test-result')).toBeFocused();
  await expect(page.getByTestId('test-result')).toContainText('assumed-role/ProdReadOnly/test=adam@example.com');
  await page.goto(`/admin/mappings/${broken?.id}`);
  await page.getByRole('button', { name: 'Test this mapping' }).click();
  await expect(page.getByTestId('test-result')).toHaveAttribute('data-outcome', 'refused');
  await expect(page.getByTestId('test-result')).toContainText('AccessDenied');
  await expect(page.getByTestId('test-result')).toContainText('trust policy');
  const tested = await query<{ outcome: string | null }>("SELECT outcome FROM audit_events WHERE type = 'MAPPING_TESTED' AND mapping_id = $1 ORDER BY id", [broken?.id]);
  expect(tested.map((r) => r.outcome).slice(-2)).toEqual([null, 'failure']);
});
