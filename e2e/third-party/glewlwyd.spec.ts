// Keyport with Glewlwyd 2.7 (Debian's package) as its OIDC IdP: sign-in through Glewlwyd's own
// login page, the groups from its ID token, and passthrough issuance (AssumeRoleWithWebIdentity
// with Glewlwyd's ID token) against the sandbox AWS, where Glewlwyd is registered as an IAM OIDC
// provider (test/third-party/world.json). Serial: one test changes the Glewlwyd client.
import { expect, test } from '@playwright/test';
import { updateKeyportClient } from '../../test/third-party/glewlwyd';
import { GWEN, glewlwydClient, signInWithGlewlwyd } from '../fixtures/third-party';
import { callerIdentity, parseEnvBlock, query } from '../fixtures/stack';

test.describe.configure({ mode: 'serial' });

test('a Glewlwyd user signs in on Glewlwyd\'s page, their groups arrive, and credentials issued with their Glewlwyd ID token work', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signInWithGlewlwyd(page, GWEN);
  await expect(page.getByTestId('signed-in-user')).toContainText(GWEN.name);
  // tp-oidc-dev arrived in Glewlwyd's groups claim: its role is offered, and nothing else.
  const cards = page.getByTestId('role-card');
  await expect(cards.filter({ hasText: 'Glewlwyd developer' })).toHaveCount(1);
  expect((await cards.allTextContents()).join('\n')).not.toContain('SimpleSAMLphp developer');

  await page.getByRole('link', { name: 'Get credentials for Glewlwyd developer' }).click();
  await page.getByRole('button', { name: '15 min' }).click();
  await page.getByRole('button', { name: 'Get credentials' }).click();
  await expect(page.getByTestId('credentials')).toBeVisible();
  await page.getByTestId('copy-format-env').click();
  const env = parseEnvBlock(await page.evaluate(() => navigator.clipboard.readText()));
  const arn = await callerIdentity({ accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '', sessionToken: env.AWS_SESSION_TOKEN ?? '' });
  // Glewlwyd's ID token carries no email_verified, so the session is named after the subject, an
  // attribute the person cannot edit (security review, issue 11 point 9), not after the e-mail.
  const [issued] = await query<{ actor_sub: string; session_name: string }>("SELECT actor_sub, session_name FROM audit_events WHERE access_key_id = $1 AND type = 'ISSUE_SUCCEEDED'", [env.AWS_ACCESS_KEY_ID]);
  expect(issued?.session_name).toBe(issued?.actor_sub);
  expect(arn).toBe(`arn:aws:sts::111122223333:assumed-role/GlewlwydDeveloper/${issued?.actor_sub ?? ''}`);
  expect(arn).not.toContain('gwen@example.com');

  const rows = await query<{ type: string; idp_kind: string }>('SELECT type, idp_kind FROM audit_events WHERE intent_id IN (SELECT intent_id FROM audit_events WHERE access_key_id = $1)', [env.AWS_ACCESS_KEY_ID]);
  expect(rows.map((r) => r.type).sort()).toEqual(['ISSUE_REQUESTED', 'ISSUE_SUCCEEDED']);
  expect(rows.every((r) => r.idp_kind === 'OIDC')).toBe(true);
});

test('when Glewlwyd\'s token endpoint refuses Keyport\'s client, the sign-in page says which step failed and what to check', async ({ page }) => {
  const client = glewlwydClient();
  // The admin mistake the issue saw: the client's token endpoint authentication method does not
  // match the one Keyport uses (client_secret_basic).
  await updateKeyportClient(client, { tokenEndpointAuthMethod: 'client_secret_post' });
  try {
    await signInWithGlewlwyd(page, GWEN);
    await expect(page).toHaveURL(/\/signin\?error=OAuthCallback&oidcStep=token_endpoint/);
    const alert = page.locator('p[role="alert"]');
    await expect(alert).toContainText('Your identity provider refused to give Keyport your sign-in tokens');
    await expect(alert).toContainText('authentication method');
    await expect(page.getByTestId('signed-in-user')).toHaveCount(0);
  } finally {
    await updateKeyportClient(client, {});
  }
});
