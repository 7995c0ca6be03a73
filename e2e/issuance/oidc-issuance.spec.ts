import { expect, test } from '@playwright/test';
import { signIn } from '../fixtures/sign-in';
import { awsCalls, callerIdentity, parseEnvBlock, query } from '../fixtures/stack';

test('the engineer sees exactly their roles, gets 1-hour credentials, copies the env block, and the keys work', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, 'alice');
  const cards = page.getByTestId('role-card');
  await expect(cards.filter({ hasText: 'Dev read-only' }).first()).toBeVisible();
  const text = (await cards.allTextContents()).join('\n');
  for (const mine of ['Dev developer', 'Prod read-only (on-call)', 'Data science (legacy)']) expect(text).toContain(mine);
  // The admin's and the reviewer's roles are not hers.
  expect(text).not.toContain('Prod administrator');
  expect(text).not.toContain('Security audit');

  await page.getByRole('link', { name: 'Get credentials for Dev read-only' }).first().click();
  await page.getByRole('button', { name: '1 h' }).click();
  await page.getByRole('button', { name: 'Get credentials' }).click();
  await expect(page.getByTestId('credentials')).toBeVisible();
  await expect(page.getByTestId('countdown')).toContainText(/59m|1h 00m/);
  // The secret is hidden until revealed.
  await expect(page.getByTestId('secret-access-key')).toContainText('•');

  await page.getByTestId('copy-format-env').click();
  const env = parseEnvBlock(await page.evaluate(() => navigator.clipboard.readText()));
  expect(env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA[A-Z2-7]{16}$/);
  const arn = await callerIdentity({ accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '', sessionToken: env.AWS_SESSION_TOKEN ?? '' });
  expect(arn).toBe('arn:aws:sts::111122223333:assumed-role/DevReadOnly/alice@example.com');

  // The issuance is in the audit, with the key id and no secret.
  const rows = await query<{ type: string; access_key_id: string | null; session_name: string }>(
    "SELECT type, access_key_id, session_name FROM audit_events WHERE access_key_id = $1 OR (intent_id IN (SELECT intent_id FROM audit_events WHERE access_key_id = $1))",
    [env.AWS_ACCESS_KEY_ID],
  );
  expect(rows.map((r) => r.type).sort()).toEqual(['ISSUE_REQUESTED', 'ISSUE_SUCCEEDED']);
  expect(rows.every((r) => r.session_name === 'alice@example.com')).toBe(true);

  // Reload does not show the secrets again.
  await page.reload();
  await expect(page.getByTestId('credentials')).toHaveCount(0);
});

test('a person with no mapped group gets the explanation, with their groups and whom to ask', async ({ page }) => {
  await signIn(page, 'noah');
  const box = page.getByTestId('no-roles');
  await expect(box).toBeVisible();
  await expect(box).toContainText('marketing');
  await expect(box).toContainText('ask');
});

test('a role whose trust policy does not trust the portal shows the AccessDenied explanation and records ISSUE_FAILED', async ({ page }) => {
  await signIn(page, 'alice');
  await page.getByRole('link', { name: 'Get credentials for Data science (legacy)' }).first().click();
  await page.getByRole('button', { name: 'Get credentials' }).click();
  const error = page.getByTestId('issue-error');
  await expect(error).toContainText("trust policy does not trust this portal");
  await expect(error).toContainText(':aud" = "keyport"');
  const rows = await query<{ error_code: string }>(
    "SELECT error_code FROM audit_events WHERE type = 'ISSUE_FAILED' AND role_arn = 'arn:aws:iam::111122223333:role/DataScienceLegacy' ORDER BY id DESC LIMIT 1",
  );
  expect(rows[0]?.error_code).toBe('AccessDenied');
});

test('direct POSTs: an unmapped role is 403 with ISSUE_DENIED and no STS call; bad durations are 422 with no STS call', async ({ page }) => {
  await signIn(page, 'alice');
  const [admins] = await query<{ id: string }>("SELECT id FROM role_mappings WHERE idp_group = 'platform-team' AND role_arn LIKE '%ProdAdmin'");
  const [mine] = await query<{ id: string; max_duration_seconds: number }>(
    "SELECT id, max_duration_seconds FROM role_mappings WHERE idp_group = 'engineering' AND role_arn LIKE '%DevReadOnly'",
  );
  const since = new Date().toISOString();
  const origin = new URL(page.url()).origin;
  const post = (body: unknown) => page.request.post('/api/credentials', { data: body, headers: { origin } });

  const denied = await post({ mappingId: admins?.id, durationSeconds: 3600, region: 'us-east-1' });
  expect(denied.status()).toBe(403);
  const deniedBody = await denied.json();
  expect(deniedBody.error.code).toBe('forbidden');
  const events = await query<{ type: string }>("SELECT type FROM audit_events WHERE request_id = $1", [deniedBody.error.requestId]);
  expect(events.map((e) => e.type)).toEqual(['ISSUE_DENIED']);

  for (const durationSeconds of [899, (mine?.max_duration_seconds ?? 0) + 1]) {
    const res = await post({ mappingId: mine?.id, durationSeconds, region: 'us-east-1' });
    expect(res.status()).toBe(422);
    expect((await res.json()).error.message).toMatch(/between 15 minutes and \d+ minutes/i);
  }
  // Other tests run in parallel, so look for these very requests: none reached AWS.
  const seen = (await awsCalls()).filter((c) => c.at >= since && c.action === 'AssumeRoleWithWebIdentity' && c.roleSessionName === 'alice@example.com');
  expect(seen.filter((c) => c.roleArn?.endsWith('/ProdAdmin'))).toEqual([]);
  expect(seen.filter((c) => c.durationSeconds === 899 || c.durationSeconds === (mine?.max_duration_seconds ?? 0) + 1)).toEqual([]);

  // Without the Origin header of the portal, a state-changing call is refused (CSRF).
  const crossSite = await page.request.post('/api/credentials', { data: { mappingId: mine?.id, durationSeconds: 900, region: 'us-east-1' }, headers: { origin: 'https://evil.example' } });
  expect(crossSite.status()).toBe(403);
});
