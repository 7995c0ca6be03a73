// Security review end to end: the reviewer (rita) pastes an AccessKeyId the engineer (dana) got,
// finds who, through which mapping, with which session name and STS request id; revokes dana's
// sessions (and, separately, a whole role's); the old keys then get AccessDenied from AWS while
// keys issued afterwards work; lifting is audited.
//
// Serial: both tests revoke sessions of dana (the person-wide revocation covers every role she
// holds live keys for), so run side by side one would revoke the other's "still works" keys.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from '../fixtures/sign-in';
import { callerIdentity, E2E, parseEnvBlock, query } from '../fixtures/stack';

test.describe.configure({ mode: 'serial' });

interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

async function newPage(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: E2E.portalUrl, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

async function getCredentials(page: Page, roleLabel: string): Promise<Creds> {
  await page.goto('/');
  await page.getByRole('link', { name: `Get credentials for ${roleLabel}` }).first().click();
  await page.getByRole('button', { name: 'Get credentials' }).click();
  await expect(page.getByTestId('credentials')).toBeVisible();
  await page.getByTestId('copy-format-env').click();
  const env = parseEnvBlock(await page.evaluate(() => navigator.clipboard.readText()));
  expect(env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
  return { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '', sessionToken: env.AWS_SESSION_TOKEN ?? '' };
}

async function awsAnswer(creds: Creds): Promise<string> {
  return callerIdentity(creds).catch((e: unknown) => `error:${(e as { name?: string }).name ?? String(e)}`);
}

/**
 * The reviewer pastes the key into the one search box — in lower case, with spaces, as a copy
 * from a chat window may carry it — and opens the event it leads to.
 */
async function findKey(rita: Page, accessKeyId: string): Promise<void> {
  await rita.goto('/audit');
  const pasted = `${accessKeyId.slice(0, 8).toLowerCase()} ${accessKeyId.slice(8)}`;
  await rita.getByLabel('Search', { exact: true }).fill(pasted);
  await rita.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(rita).toHaveURL(new RegExp(`key=${accessKeyId}`));
  await expect(rita.getByTestId('audit-count')).toHaveText('1 event');
  const rows = rita.getByTestId('audit-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Dana Drill');
  await expect(rows.first()).toContainText('Credentials issued');
  await expect(rows.first().getByTestId('event-type')).toHaveAttribute('data-type', 'ISSUE_SUCCEEDED');
  await rows.first().getByRole('link', { name: /Details of event/ }).click();
  await expect(rita.getByTestId('field-access-key-id')).toHaveText(accessKeyId);
}

async function lift(rita: Page, revocationId: string, reason: string): Promise<void> {
  await rita.goto('/revocations');
  const row = rita.locator(`[data-revocation-id="${revocationId}"]`);
  await expect(row.getByTestId('revocation-status')).toHaveText('In force');
  await row.getByLabel('Reason for lifting').fill(reason);
  await row.getByRole('button', { name: 'Lift revocation' }).click();
  await expect(row.getByTestId('revocation-status')).toHaveText('Lifted');
}

test('the reviewer traces a key to dana, revokes her sessions (AccessDenied, new keys work), then lifts it', async ({ browser }) => {
  const dana = await newPage(browser, 'dana');
  const rita = await newPage(browser, 'rita');
  const before = await getCredentials(dana, 'Dev read-only');
  expect(await awsAnswer(before)).toBe('arn:aws:sts::111122223333:assumed-role/DevReadOnly/dana@example.com');

  // 1. From the key to the person, the mapping, the session name and the STS request id.
  await findKey(rita, before.accessKeyId);
  const [recorded] = await query<{ sts_request_id: string; actor_sub: string; mapping_id: string }>(
    "SELECT sts_request_id, actor_sub, mapping_id::text FROM audit_events WHERE access_key_id = $1 AND type = 'ISSUE_SUCCEEDED'",
    [before.accessKeyId],
  );
  expect(recorded?.sts_request_id).toBeTruthy();
  await expect(rita.getByTestId('field-person')).toContainText('Dana Drill <dana@example.com>');
  await expect(rita.getByTestId('field-session-name')).toHaveText('dana@example.com');
  await expect(rita.getByTestId('field-sts-request-id')).toHaveText(recorded?.sts_request_id ?? '');
  await expect(rita.getByTestId('field-mapping')).toContainText('engineering');
  await expect(rita.getByTestId('field-mapping')).toContainText('Dev read-only');
  await expect(rita.getByTestId('field-mapping')).toContainText(recorded?.mapping_id ?? '');
  await expect(rita.getByTestId('field-via-groups')).toContainText('engineering');
  await expect(rita.getByTestId('related-event')).toHaveCount(2);

  // 2. A revocation without a reason is refused (422), on the server.
  const origin = new URL(E2E.portalUrl).origin;
  const noReason = await rita.request.post('/api/revocations', { data: { kind: 'person', personSub: recorded?.actor_sub, reason: '' }, headers: { origin } });
  expect(noReason.status()).toBe(422);
  // …and dana, an employee, may not revoke at all.
  const byDana = await dana.request.post('/api/revocations', { data: { kind: 'person', personSub: recorded?.actor_sub, reason: 'not mine to do' }, headers: { origin } });
  expect(byDana.status()).toBe(403);
  const deniedAccess = await query<{ n: string }>(
    "SELECT count(*)::text AS n FROM audit_events WHERE type = 'ACCESS_DENIED' AND actor_sub = $1 AND details->>'permission' = 'revocations:create'",
    [recorded?.actor_sub],
  );
  expect(Number(deniedAccess[0]?.n)).toBeGreaterThanOrEqual(1);

  // 3. Revoke dana's sessions.
  const form = rita.getByRole('form', { name: 'Revoke this person’s sessions' });
  await form.getByLabel(/Reason/).fill('e2e: suspected key leak (person)');
  await form.getByRole('button', { name: 'Revoke person’s sessions…' }).click();
  // A confirm step, with focus on it, before anything is revoked.
  await expect(form.getByRole('button', { name: 'Yes, revoke this person' })).toBeFocused();
  await form.getByRole('button', { name: 'Yes, revoke this person' }).click();
  await expect(form.getByTestId('revoke-result')).toBeFocused();
  // How many live sessions were cut off, per role (dana may hold keys of other roles too).
  await expect(form.getByTestId('revoke-cut-off')).toContainText(/Cut off \d+ live AWS sessions?: .*\b\d+ on DevReadOnly\b/);
  await expect(form.getByTestId('revoke-result')).not.toContainText(/\d{4}-\d\d-\d\dT\d\d:/);
  const [rev] = await query<{ id: string; session_names: string[]; role_arns: string[] }>(
    "SELECT id::text, session_names, role_arns FROM revocations WHERE kind = 'PERSON' AND person_sub = $1 AND reason = 'e2e: suspected key leak (person)' ORDER BY created_at DESC LIMIT 1",
    [recorded?.actor_sub],
  );
  expect(rev?.session_names).toEqual(['dana@example.com']);
  expect(rev?.role_arns).toContain('arn:aws:iam::111122223333:role/DevReadOnly');

  try {
    // 4. The old keys are refused by AWS, and dana is stopped: her open browser session is signed
    //    out at its next request, and after signing in again she is refused issuance, told why.
    expect(await awsAnswer(before)).toBe('error:AccessDenied');
    await dana.goto('/');
    await expect(dana).toHaveURL(/\/signin/);
    await signIn(dana, 'dana');
    await dana.getByRole('link', { name: 'Get credentials for Dev read-only' }).first().click();
    await dana.getByRole('button', { name: 'Get credentials' }).click();
    await expect(dana.getByTestId('issue-error')).toContainText('revoked');
    await expect(dana.getByTestId('issue-error')).toContainText('e2e: suspected key leak (person)');
    await expect(dana.getByTestId('credentials')).toHaveCount(0);
    const denied = await query<{ details: { reason: string; revocationId: string } }>(
      "SELECT details FROM audit_events WHERE type = 'ISSUE_DENIED' AND actor_sub = $1 AND details->>'revocationId' = $2",
      [recorded?.actor_sub, rev?.id],
    );
    expect(denied).toEqual([expect.objectContaining({ details: expect.objectContaining({ reason: 'revoked' }) })]);
    // Her own history says so.
    await dana.goto('/history');
    await expect(dana.getByTestId('own-revocation').first()).toContainText('e2e: suspected key leak (person)');

    // 5. The audit shows the revocation with who and why, and the chain is intact.
    const created = await query<{ actor_email: string; details: { reason: string } }>(
      "SELECT actor_email, details FROM audit_events WHERE type = 'REVOCATION_CREATED' AND details->>'revocationId' = $1",
      [rev?.id],
    );
    expect(created).toEqual([expect.objectContaining({ actor_email: 'rita@example.com', details: expect.objectContaining({ reason: 'e2e: suspected key leak (person)' }) })]);
    await rita.goto('/audit');
    await rita.getByRole('button', { name: 'Verify integrity' }).click();
    await expect(rita.getByTestId('verify-result')).toContainText('Intact');
  } finally {
    // 6. Lift it (audited), so dana's earlier sessions are not left revoked.
    await lift(rita, rev?.id ?? '', 'e2e: cleared (person)');
  }
  const lifted = await query<{ n: string }>("SELECT count(*)::text AS n FROM audit_events WHERE type = 'REVOCATION_LIFTED' AND details->>'revocationId' = $1", [rev?.id]);
  expect(lifted[0]?.n).toBe('1');
  // Lifted: issuance works again.
  const after = await getCredentials(dana, 'Dev read-only');
  expect(await awsAnswer(after)).toBe('arn:aws:sts::111122223333:assumed-role/DevReadOnly/dana@example.com');
});

test('a revoked reviewer cannot lift the revocation of themselves; another reviewer can', async ({ browser }) => {
  const rory = await newPage(browser, 'rory');
  const rita = await newPage(browser, 'rita');
  // rory has signed in (so Keyport knows him) but holds no credentials: the revocation still blocks him.
  const [seen] = await query<{ user_sub: string }>("SELECT user_sub FROM sessions WHERE email = 'rory@example.com' AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1");
  const origin = new URL(E2E.portalUrl).origin;
  const made = await rita.request.post('/api/revocations', { data: { kind: 'person', personSub: seen?.user_sub, reason: 'e2e: reviewer account suspected' }, headers: { origin } });
  expect(made.status()).toBe(201);
  const { revocation } = (await made.json()) as { revocation: { id: string; sessionsEnded: number } };
  expect(revocation.sessionsEnded).toBeGreaterThanOrEqual(1);
  try {
    // Signed out at once; signing in again leaves him no reviewer powers, and no way to lift it.
    await rory.goto('/revocations');
    await expect(rory).toHaveURL(/\/signin/);
    await signIn(rory, 'rory', { startAt: '/revocations' });
    expect((await rory.goto('/revocations'))?.status()).toBe(403);
    const selfLift = await rory.request.post(`/api/revocations/${revocation.id}/lift`, { data: { reason: 'it is only me' }, headers: { origin } });
    expect(selfLift.status()).toBe(403);
    const [still] = await query<{ lifted_at: string | null }>('SELECT lifted_at FROM revocations WHERE id = $1', [revocation.id]);
    expect(still?.lifted_at).toBeNull();
  } finally {
    await lift(rita, revocation.id, 'e2e: rory cleared');
  }
  await rory.goto('/revocations');
  await expect(rory.getByRole('heading', { name: 'Revocations' })).toBeVisible();
});

test('the reviewer revokes all active sessions of a role; lifting restores access for new sessions', async ({ browser }) => {
  const dana = await newPage(browser, 'dana');
  const rita = await newPage(browser, 'rita');
  const drill = 'arn:aws:iam::111122223333:role/RevocationDrill';
  const before = await getCredentials(dana, 'Revocation drill');
  expect(await awsAnswer(before)).toBe('arn:aws:sts::111122223333:assumed-role/RevocationDrill/dana@example.com');

  await findKey(rita, before.accessKeyId);
  await expect(rita.getByTestId('field-role-arn')).toHaveText(drill);
  const form = rita.getByRole('form', { name: 'Revoke active sessions of this role' });
  await form.getByLabel(/Reason/).fill('e2e: role drill');
  await form.getByRole('button', { name: 'Revoke role’s sessions…' }).click();
  await form.getByRole('button', { name: 'Yes, revoke this role’s sessions' }).click();
  await expect(form.getByTestId('revoke-result')).toContainText('RevocationDrill');
  const [rev] = await query<{ id: string }>("SELECT id::text FROM revocations WHERE kind = 'ROLE' AND $1 = ANY(role_arns) AND reason = 'e2e: role drill' ORDER BY created_at DESC LIMIT 1", [drill]);
  expect(rev?.id).toBeTruthy();

  try {
    expect(await awsAnswer(before)).toBe('error:AccessDenied');
    const after = await getCredentials(dana, 'Revocation drill');
    expect(await awsAnswer(after)).toBe('arn:aws:sts::111122223333:assumed-role/RevocationDrill/dana@example.com');
  } finally {
    await lift(rita, rev?.id ?? '', 'e2e: drill over');
  }
  const fresh = await getCredentials(dana, 'Revocation drill');
  expect(await awsAnswer(fresh)).toBe('arn:aws:sts::111122223333:assumed-role/RevocationDrill/dana@example.com');
  const events = await query<{ type: string; role_arn: string }>(
    "SELECT type, role_arn FROM audit_events WHERE type IN ('REVOCATION_CREATED', 'REVOCATION_LIFTED') AND details->>'revocationId' = $1 ORDER BY seq",
    [rev?.id],
  );
  expect(events).toEqual([
    { type: 'REVOCATION_CREATED', role_arn: drill },
    { type: 'REVOCATION_LIFTED', role_arn: drill },
  ]);
});

test('an employee sees only their own history; the audit pages and export are closed to them', async ({ browser }) => {
  const dana = await newPage(browser, 'dana');
  await dana.goto('/history');
  const rows = dana.getByTestId('audit-row');
  await expect(rows.first()).toBeVisible();
  const text = (await rows.allTextContents()).join('\n');
  expect(text).not.toContain('Alice');
  expect((await dana.goto('/audit'))?.status()).toBe(403);
  expect((await dana.request.get('/api/audit/export?format=csv')).status()).toBe(403);
});
