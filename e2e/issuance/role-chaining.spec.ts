// Role chaining and "Why was I denied?" on the real `npm start` sandbox: alice's on-call mapping
// issues the hub role (KeyportHub, broker mode) and chains into SharedServicesReadOnly in the
// shared-services account. The keys she gets are the target's, under her own session name; a 4-hour
// request is clamped to AWS's 1-hour chaining cap with the reason; sandbox AWS journals her
// SourceIdentity on both hops; a person revocation (chet) denies the chained session; a sandbox
// denial decodes into the explicit deny and its statement, and someone else's message is refused
// (403, audited).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readDemoSecretWith } from '../../sandbox/aws/demo-secret-client';
import { signIn } from '../fixtures/sign-in';
import { awsCalls, callerIdentity, E2E, parseEnvBlock, query } from '../fixtures/stack';

const LABEL = 'Shared services read-only (via hub)';
const TARGET_ARN = (person: string) => `arn:aws:sts::777788889999:assumed-role/SharedServicesReadOnly/${person}`;

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

async function chainedCredentials(page: Page): Promise<Creds> {
  await page.goto('/');
  await page.getByRole('link', { name: `Get credentials for ${LABEL}` }).first().click();
  await page.getByRole('button', { name: 'Get credentials' }).click();
  await expect(page.getByTestId('credentials')).toBeVisible();
  await page.getByTestId('copy-format-env').click();
  const env = parseEnvBlock(await page.evaluate(() => navigator.clipboard.readText()));
  return { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '', sessionToken: env.AWS_SESSION_TOKEN ?? '' };
}

/** Every session sandbox AWS issued: its state file and the journal appended since. */
function sandboxSessions(): Array<Record<string, unknown>> {
  const statePath = path.join(E2E.dataDir, 'aws-state.json');
  const state = existsSync(statePath) ? ((JSON.parse(readFileSync(statePath, 'utf8')) as { sessions: Array<Record<string, unknown>> }).sessions ?? []) : [];
  const journal = existsSync(`${statePath}.journal`)
    ? readFileSync(`${statePath}.journal`, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
  return [...state, ...journal];
}

async function mappingIdOf(page: Page): Promise<string> {
  await page.goto('/');
  const href = await page.getByRole('link', { name: `Get credentials for ${LABEL}` }).first().getAttribute('href');
  return href?.split('/').pop() ?? '';
}

test('alice gets the target role through the hub: GetCallerIdentity answers the target with her session name; both hops carry her SourceIdentity', async ({ browser }) => {
  const alice = await newPage(browser, 'alice');
  const card = alice.getByTestId('role-card').filter({ hasText: LABEL });
  await expect(card).toContainText('Up to 1 h');
  await expect(card.getByTestId('chained-role-note')).toContainText('AWS limits a chained session to 1 hour');
  const creds = await chainedCredentials(alice);
  await expect(alice.getByTestId('assumed-role-arn')).toHaveText(TARGET_ARN('alice@example.com'));
  expect(await callerIdentity(creds)).toBe(TARGET_ARN('alice@example.com'));

  // The audit: the hub's key (ISSUE_HOP_SUCCEEDED) and the target's (ISSUE_SUCCEEDED), both request ids.
  const rows = await query<{ type: string; access_key_id: string; sts_request_id: string; role_arn: string }>(
    "SELECT type, access_key_id, sts_request_id, role_arn FROM audit_events WHERE intent_id = (SELECT intent_id FROM audit_events WHERE access_key_id = $1 AND type = 'ISSUE_SUCCEEDED') AND type <> 'ISSUE_REQUESTED' ORDER BY id",
    [creds.accessKeyId],
  );
  expect(rows.map((r) => r.type)).toEqual(['ISSUE_HOP_SUCCEEDED', 'ISSUE_SUCCEEDED']);
  const hubKey = rows[0]?.access_key_id ?? '';
  expect(hubKey).toMatch(/^ASIA/);
  expect(rows[0]?.sts_request_id).toBeTruthy();
  expect(rows[1]?.sts_request_id).toBeTruthy();
  expect(rows[0]?.sts_request_id).not.toBe(rows[1]?.sts_request_id);

  // Sandbox AWS's journal: SourceIdentity on both hops, the second signed by the first.
  const sessions = sandboxSessions();
  const hop1 = sessions.find((s) => s['accessKeyId'] === hubKey);
  const hop2 = sessions.find((s) => s['accessKeyId'] === creds.accessKeyId);
  expect(hop1).toMatchObject({ roleArn: 'arn:aws:iam::111122223333:role/KeyportHub', sourceIdentity: 'alice@example.com' });
  expect(hop2).toMatchObject({ roleArn: 'arn:aws:iam::777788889999:role/SharedServicesReadOnly', sourceIdentity: 'alice@example.com', chainedFrom: hubKey });
  const call = (await awsCalls()).find((c) => c.action === 'AssumeRole' && c.accessKeyId === creds.accessKeyId);
  expect(call).toMatchObject({ callerAccessKeyId: hubKey, sourceIdentity: 'alice@example.com', roleSessionName: 'alice@example.com' });
});

test('a 4-hour request is clamped to the 1-hour chaining cap, and the person is told why', async ({ browser }) => {
  const alice = await newPage(browser, 'alice');
  const mappingId = await mappingIdOf(alice);
  await alice.goto(`/roles/${mappingId}`);
  await expect(alice.getByTestId('chained-role-note')).toContainText('AWS limits a chained session to 1 hour, so a longer request gets 1 hour.');
  const res = await alice.request.post('/api/credentials', { data: { mappingId, durationSeconds: 4 * 3600, region: 'us-east-1' }, headers: { origin: E2E.portalUrl } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { durationSeconds: number; notice?: string; credentials: { expiration: string } };
  expect(body.durationSeconds).toBe(3600);
  expect(body.notice).toMatch(/^AWS limits a chained session to 1 hour/);
  expect(body.notice).toContain('instead of the 240 you asked for');
  expect(Date.parse(body.credentials.expiration) - Date.now()).toBeLessThanOrEqual(3600_000);
});

test('revoking the person denies the chained session (the deny is on the hub and the target)', async ({ browser }) => {
  const rita = await newPage(browser, 'rita');
  const post = (url: string, data: Record<string, unknown>) => rita.request.post(url, { data, headers: { origin: E2E.portalUrl } });
  // A clean start: a revocation of chet left by an interrupted run is lifted first.
  for (const r of await query<{ id: string }>("SELECT id::text FROM revocations WHERE person_email = 'chet@example.com' AND lifted_at IS NULL")) {
    expect((await post(`/api/revocations/${r.id}/lift`, { reason: 'e2e: clean start' })).status()).toBe(200);
  }
  const chet = await newPage(browser, 'chet');
  const creds = await chainedCredentials(chet);
  expect(await callerIdentity(creds)).toBe(TARGET_ARN('chet@example.com'));
  const [seen] = await query<{ actor_sub: string }>("SELECT actor_sub FROM audit_events WHERE access_key_id = $1 AND type = 'ISSUE_SUCCEEDED'", [creds.accessKeyId]);
  const res = await post('/api/revocations', { kind: 'person', personSub: seen?.actor_sub, reason: 'e2e: chained session drill' });
  expect(res.status()).toBe(201);
  const { revocation } = (await res.json()) as { revocation: { id: string; roleArns: string[]; failures: unknown[] } };
  expect(revocation.roleArns).toEqual(expect.arrayContaining(['arn:aws:iam::111122223333:role/KeyportHub', 'arn:aws:iam::777788889999:role/SharedServicesReadOnly']));
  expect(revocation.failures).toEqual([]);
  expect(await callerIdentity(creds).catch((e: { name?: string }) => `error:${e.name ?? ''}`)).toBe('error:AccessDenied');
  expect((await post(`/api/revocations/${revocation.id}/lift`, { reason: 'e2e: drill over' })).status()).toBe(200);
});

test('a sandbox denial decodes into the explicit deny and its statement; someone else’s message is refused with 403 and audited', async ({ browser }) => {
  const alice = await newPage(browser, 'alice');
  const creds = await chainedCredentials(alice);
  const denied = await readDemoSecretWith({ endpoint: E2E.awsUrl, credentials: creds, secretName: 'payroll' });
  expect(denied.code).toBe('UnauthorizedOperation');
  const error = `An error occurred (UnauthorizedOperation) when calling the ReadDemoSecret operation: ${denied.message ?? ''}`;

  await alice.getByRole('link', { name: 'Why denied?' }).click();
  await expect(alice).toHaveURL(/\/decode$/);
  await alice.getByLabel('The error AWS gave you').fill(error);
  await alice.getByRole('button', { name: 'Decode' }).click();
  const result = alice.getByTestId('decode-result');
  await expect(result.getByTestId('decode-verdict')).toHaveText(/^An explicit deny in an identity-based policy refused it/);
  await expect(result.getByTestId('decode-action')).toHaveText('sandbox:ReadDemoSecret');
  await expect(result.getByTestId('decode-resource')).toHaveText('arn:aws:sandbox:us-east-1:777788889999:secret/payroll');
  await expect(result.getByTestId('decode-policy-type')).toContainText('identity-based policy');
  await expect(result.getByTestId('decode-statement')).toContainText('DenyPayrollToEveryone');
  await expect(result.getByTestId('decode-raw')).toBeHidden();
  await result.getByText('Raw decoded message (JSON)').click();
  await expect(result.getByTestId('decode-raw')).toContainText('"explicitDeny": true');

  const erin = await newPage(browser, 'erin');
  await erin.goto('/decode');
  await erin.getByLabel('The error AWS gave you').fill(error);
  await erin.getByRole('button', { name: 'Decode' }).click();
  await expect(erin.getByTestId('decode-error')).toContainText('a session Keyport did not issue to you');
  await expect(erin.getByTestId('decode-result')).toHaveCount(0);
  const res = await erin.request.post('/api/decode', { data: { message: error }, headers: { origin: E2E.portalUrl } });
  expect(res.status()).toBe(403);
  const audited = await query<{ outcome: string; session_name: string }>(
    "SELECT outcome, session_name FROM audit_events WHERE type = 'AUTHORIZATION_MESSAGE_DECODED' AND actor_email = 'erin@example.com' AND occurred_at > now() - interval '10 minutes' ORDER BY id DESC LIMIT 2",
  );
  expect(audited.map((a) => a.outcome)).toEqual(['denied', 'denied']);
  expect(audited[0]?.session_name).toBe('alice@example.com');
});

test('the admin sees the chained target on the mapping page, with the target’s trust policy and the hub’s permissions', async ({ browser }) => {
  const [mapping] = await query<{ id: string }>("SELECT id::text FROM role_mappings WHERE idp_group = 'eng-oncall' AND role_arn = 'arn:aws:iam::111122223333:role/KeyportHub'");
  const adam = await newPage(browser, 'adam');
  await adam.goto(`/admin/mappings/${mapping?.id ?? ''}`);
  await expect(adam.getByLabel('Chained target (role chaining, optional)')).toHaveValue('arn:aws:iam::777788889999:role/SharedServicesReadOnly');
  const trust = JSON.parse((await adam.getByTestId('chain-target-trust-policy').textContent()) ?? '{}') as { Statement: Array<{ Principal: { AWS: string }; Action: string[]; Condition: Record<string, Record<string, string>> }> };
  expect(trust.Statement[0]?.Principal).toEqual({ AWS: 'arn:aws:iam::111122223333:role/KeyportHub' });
  expect(trust.Statement[0]?.Action).toEqual(['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession']);
  expect(trust.Statement[0]?.Condition).toEqual({ Null: { 'sts:SourceIdentity': 'false' }, StringEquals: { 'aws:PrincipalTag/keyport-mapping': mapping?.id } });
  await expect(adam.getByTestId('chain-hub-policy')).toContainText('"Resource": "arn:aws:iam::777788889999:role/SharedServicesReadOnly"');
  // The hub's own trust policy (broker mode) is still the first thing the panel shows.
  await expect(adam.getByTestId('trust-policy')).toContainText('role:arn:aws:iam::111122223333:role/KeyportHub:person:*');
  // A chained role that is no role ARN is refused beside the field.
  await adam.getByLabel('Chained target (role chaining, optional)').fill('arn:aws:iam::777788889999:user/bob');
  await adam.getByRole('button', { name: 'Save changes' }).click();
  await expect(adam.getByTestId('error-chainedRoleArn')).toContainText('The chained role ARN');
});
