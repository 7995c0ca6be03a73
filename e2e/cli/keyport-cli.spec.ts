// The keyport CLI against the real sandbox: `keyport login` (loopback PKCE, and the device code
// through the approval page) signed in by a real Chromium, `keyport configure`, then the real AWS
// CLI v2 (/usr/bin/aws) using the written profile's credential_process — twice, the second from
// the cache (Keyport records one ISSUE_SUCCEEDED). Revocation and logout refuse the CLI after.
// Each test has its own demo person (cleo, cora, cory) and its own HOME.
import { spawn, execFile, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { openApiDocument } from '../../lib/cli-api/openapi-document';
import { subjectFor } from '../../sandbox/oidc/directory';
import { E2E, query } from '../fixtures/stack';
import { signInWithSaml } from '../fixtures/saml';
import { signIn } from '../fixtures/sign-in';

const run = promisify(execFile);
const CLI = path.resolve('cli/bin/keyport.js');
const PROD_RO = 'arn:aws:iam::444455556666:role/ProdReadOnly';
const DEV_DEVELOPER = 'arn:aws:iam::111122223333:role/DevDeveloper';
const SAML_DEVELOPER = 'arn:aws:iam::111122223333:role/SamlDeveloper';

const UNRELATED = `# my own settings, kept as they are
[default]
region = eu-west-1
output = json

; a comment in the middle
[profile personal]
region = us-west-2
cli_pager =

[sso-session corp]
sso_start_url = https://example.awsapps.com/start
`;

function home() {
  const dir = mkdtempSync(path.join(tmpdir(), 'keyport-cli-e2e-'));
  mkdirSync(path.join(dir, '.aws'), { recursive: true });
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    XDG_CONFIG_HOME: path.join(dir, '.config'),
    AWS_CONFIG_FILE: path.join(dir, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, '.aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    KEYPORT_KEYCHAIN: 'off',
  };
  return { dir, env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const keyport = (env: NodeJS.ProcessEnv, args: string[]) => run(process.execPath, [CLI, ...args], { env, timeout: 60_000 });
const refusal = (env: NodeJS.ProcessEnv, args: string[]) =>
  keyport(env, args).then(
    () => ({ code: 0, stderr: '', stdout: '' }),
    (e: { code?: number; stderr?: string; stdout?: string }) => ({ code: e.code ?? -1, stderr: e.stderr ?? '', stdout: e.stdout ?? '' }),
  );

/** Starts a command and resolves the first stderr match, with the process. */
function startCli(env: NodeJS.ProcessEnv, args: string[], wait: RegExp): Promise<{ child: ChildProcessWithoutNullStreams; match: RegExpExecArray; done: Promise<{ code: number | null; stderr: string }> }> {
  const child = spawn(process.execPath, [CLI, ...args], { env });
  let stderr = '';
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      const m = wait.exec(stderr);
      if (m) resolve({ child, match: m, done });
    });
    void done.then(({ code }) => reject(new Error(`keyport exited (${code}) before printing ${wait}: ${stderr}`)));
  });
}

async function loopbackLogin(page: Page, env: NodeJS.ProcessEnv, username: string) {
  const started = await startCli(env, ['login', '--no-browser', '--url', E2E.portalUrl], /Open this URL to sign in: (\S+)\n/);
  const url = started.match[1] ?? '';
  expect(url.startsWith(`${E2E.portalUrl}/cli/authorize?`)).toBe(true);
  await signIn(page, username, { startAt: url });
  await expect(page.getByRole('heading', { name: 'Sign in the keyport CLI' })).toBeVisible();
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  const { code, stderr } = await started.done;
  expect(code, stderr).toBe(0);
  expect(stderr).toContain(`Signed in to ${E2E.portalUrl} as`);
}

async function issuedCount(sub: string, since: Date): Promise<number> {
  const [row] = await query<{ n: string }>(`SELECT count(*)::text AS n FROM audit_events WHERE type = 'ISSUE_SUCCEEDED' AND actor_sub = $1 AND occurred_at >= $2 AND details->>'channel' = 'cli'`, [sub, since]);
  return Number(row?.n ?? 0);
}

test('keyport login (loopback) + configure, then the AWS CLI twice through credential_process: one issuance, the second from the cache', async ({ page }) => {
  test.setTimeout(120_000);
  const h = home();
  try {
    writeFileSync(h.env.AWS_CONFIG_FILE ?? '', UNRELATED);
    const since = new Date(Date.now() - 1000);
    await loopbackLogin(page, h.env, 'cleo');
    const sub = subjectFor('cleo');
    const [login] = await query<{ channel: string; grant: string }>(`SELECT details->>'channel' AS channel, details->>'grantType' AS grant FROM audit_events WHERE type = 'CLI_LOGIN' AND actor_sub = $1 AND occurred_at >= $2`, [sub, since]);
    expect(login).toEqual({ channel: 'cli', grant: 'authorization_code' });

    const configured = await keyport(h.env, ['configure']);
    expect(configured.stderr).toContain('Added:');
    const config = readFileSync(h.env.AWS_CONFIG_FILE ?? '', 'utf8');
    // Everything that was there is still there, byte for byte; the old file is kept as a backup.
    expect(config.startsWith(UNRELATED)).toBe(true);
    const backups = readdirSync(path.join(h.dir, '.aws')).filter((f) => f.startsWith('config.keyport-backup-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(path.join(h.dir, '.aws', backups[0] ?? ''), 'utf8')).toBe(UNRELATED);
    const profile = /\[profile ([^\]]+)\]\n# Managed by keyport configure \(role arn:aws:iam::444455556666:role\/ProdReadOnly\)/.exec(config)?.[1];
    expect(profile).toBeTruthy();
    expect(config).toContain(`credential_process = ${process.execPath} ${CLI} credential-process --role ${PROD_RO}\nregion = us-east-1\n`);
    // Running it again changes nothing.
    await keyport(h.env, ['configure']);
    expect(readFileSync(h.env.AWS_CONFIG_FILE ?? '', 'utf8')).toBe(config);

    const before = await issuedCount(sub, since);
    expect(before).toBe(0);
    const aws = () => run('/usr/bin/aws', ['--profile', profile ?? '', '--endpoint-url', E2E.awsUrl, '--output', 'json', 'sts', 'get-caller-identity'], { env: h.env, timeout: 60_000 });
    for (let i = 0; i < 2; i++) {
      const { stdout } = await aws();
      expect((JSON.parse(stdout) as { Arn: string }).Arn).toBe('arn:aws:sts::444455556666:assumed-role/ProdReadOnly/cleo@example.com');
    }
    expect(await issuedCount(sub, since)).toBe(1);

    // The cached credentials are files readable by their owner only (no keychain on this machine).
    const secrets = path.join(h.dir, '.config', 'keyport', 'secrets');
    const files = readdirSync(secrets);
    expect(files.some((f) => f.startsWith('cred-'))).toBe(true);
    expect(files.some((f) => f.startsWith('tokens-'))).toBe(true);
    for (const f of files) expect((statSync(path.join(secrets, f)).mode & 0o777).toString(8), f).toBe('600');

    // The same credentials as exports, from the page's formatter, and whoami.
    const env = await keyport(h.env, ['env', '--role', PROD_RO, '--format', 'env']);
    expect(env.stdout).toMatch(/^export AWS_ACCESS_KEY_ID=\w+\nexport AWS_SECRET_ACCESS_KEY=\S+\nexport AWS_SESSION_TOKEN=\S+\nexport AWS_CREDENTIAL_EXPIRATION=\S+\nexport AWS_REGION=us-east-1\nexport AWS_DEFAULT_REGION=us-east-1\n$/);
    const who = await keyport(h.env, ['whoami']);
    expect(who.stdout).toContain('cleo@example.com');
    expect(who.stdout).toContain('eng-oncall');
    expect(await issuedCount(sub, since)).toBe(1);

    // A role the person is not entitled to: one line on stderr, exit 5, audited as a refusal.
    const notMine = await refusal(h.env, ['credential-process', '--role', 'arn:aws:iam::444455556666:role/platform/ProdAdmin']);
    expect(notMine.code).toBe(5);
    expect(notMine.stderr.trim().split('\n')).toHaveLength(1);
    expect(notMine.stderr).toContain('You are not entitled to the role');
    expect(notMine.stdout).toBe('');

    // The device shows on Your devices, where revoking it ends the CLI's sign-in.
    await page.goto('/devices');
    const row = page.getByTestId('device-row').first();
    await expect(row).toContainText('keyport CLI on');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await expect(row).toContainText('Revoked here');
    const gone = await refusal(h.env, ['whoami']);
    expect(gone.code).toBe(4);
    expect(gone.stderr).toContain('revoked on the Keyport "Your devices" page');
  } finally {
    h.cleanup();
  }
});

test('keyport login --device-code through the approval page (typed code, requester shown), then logout: the token is refused', async ({ page }) => {
  test.setTimeout(120_000);
  const h = home();
  try {
    const started = await startCli(h.env, ['login', '--device-code', '--url', E2E.portalUrl], /enter the code:\s+([A-Z]{4}-[A-Z]{4})\n/);
    const code = started.match[1] ?? '';
    // A link carrying the code is ignored: the code is typed.
    await signIn(page, 'cora', { startAt: `/cli/device?user_code=${code}` });
    await expect(page.getByLabel('Code from the terminal')).toHaveValue('');
    await page.getByLabel('Code from the terminal').fill(code.toLowerCase().replace('-', ' '));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByTestId('device-user-code')).toHaveText(code);
    await expect(page.getByTestId('device-requester-agent')).toContainText('keyport-cli/');
    await expect(page.getByTestId('device-requester-ip')).toHaveText(/127\.0\.0\.1|::1/);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByTestId('device-result')).toContainText('Approved');
    const { code: exit, stderr } = await started.done;
    expect(exit, stderr).toBe(0);

    // Passthrough OIDC through the CLI: the IdP token held with the approving session.
    const issued = await keyport(h.env, ['credential-process', '--role', DEV_DEVELOPER]);
    const doc = JSON.parse(issued.stdout) as { Version: number; AccessKeyId: string; Expiration: string };
    expect(doc.Version).toBe(1);
    expect(doc.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
    const tokens = JSON.parse(readFileSync(path.join(h.dir, '.config', 'keyport', 'secrets', readdirSync(path.join(h.dir, '.config', 'keyport', 'secrets')).find((f) => f.startsWith('tokens-')) ?? ''), 'utf8')) as { accessToken: string };

    const out = await keyport(h.env, ['logout']);
    expect(out.stderr).toContain('The CLI token is revoked at Keyport.');
    const refused = await fetch(`${E2E.portalUrl}/api/cli/whoami`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('keyport logout');
    // And the CLI, now without a token, says to log in.
    const after = await refusal(h.env, ['credential-process', '--role', DEV_DEVELOPER]);
    expect(after.code).toBe(3);
    expect(after.stderr).toContain('keyport login');
  } finally {
    h.cleanup();
  }
});

test('after the person is revoked, credential-process exits non-zero with the revocation sentence', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const h = home();
  const sub = subjectFor('cory');
  const reviewer = await browser.newContext({ baseURL: E2E.portalUrl });
  try {
    const rita = await reviewer.newPage();
    await signIn(rita, 'rita');
    for (const { id } of await query<{ id: string }>('SELECT id::text FROM revocations WHERE person_sub = $1 AND lifted_at IS NULL', [sub])) {
      expect((await rita.request.post(`${E2E.portalUrl}/api/revocations/${id}/lift`, { data: { reason: 'e2e: clean start' }, headers: { origin: E2E.portalUrl } })).status()).toBe(200);
    }
    await loopbackLogin(page, h.env, 'cory');
    const ok = await keyport(h.env, ['credential-process', '--role', PROD_RO]);
    expect((JSON.parse(ok.stdout) as { Version: number }).Version).toBe(1);

    const revoked = await rita.request.post(`${E2E.portalUrl}/api/revocations`, { data: { kind: 'person', personSub: sub, reason: 'e2e: keyport CLI' }, headers: { origin: E2E.portalUrl } });
    expect(revoked.status()).toBe(201);
    const { revocation } = (await revoked.json()) as { revocation: { id: string } };
    try {
      // A new role request (not the cached one) goes to Keyport, which refuses the revoked token.
      const refused = await refusal(h.env, ['credential-process', '--role', PROD_RO, '--duration', '1800']);
      expect(refused.code).toBe(4);
      expect(refused.stdout).toBe('');
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toContain('Your Keyport access has been revoked by a security reviewer');
      const [row] = await query<{ n: string }>(`SELECT count(*)::text AS n FROM cli_tokens WHERE user_sub = $1 AND revoked_reason = 'person_revoked'`, [sub]);
      expect(Number(row?.n)).toBeGreaterThanOrEqual(1);
    } finally {
      expect((await rita.request.post(`${E2E.portalUrl}/api/revocations/${revocation.id}/lift`, { data: { reason: 'e2e: keyport CLI done' }, headers: { origin: E2E.portalUrl } })).status()).toBe(200);
    }
  } finally {
    await reviewer.close();
    h.cleanup();
  }
});

test('a SAML-signed-in person: passthrough SAML opens the browser for the fresh assertion and the result comes back to the loopback, sealed', async ({ page }) => {
  test.setTimeout(120_000);
  const h = home();
  try {
    const since = new Date(Date.now() - 1000);
    const started = await startCli(h.env, ['login', '--no-browser', '--url', E2E.portalUrl], /Open this URL to sign in: (\S+)\n/);
    await signInWithSaml(page, 'sam', { startAt: started.match[1] ?? '' });
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
    expect((await started.done).code).toBe(0);

    const env = { ...h.env, KEYPORT_NO_BROWSER: '1' };
    const issuing = await startCli(env, ['credential-process', '--role', SAML_DEVELOPER], /Open this URL to continue: (\S+)\n/);
    let stdout = '';
    issuing.child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    // The browser still holds the IdP's session: it answers at once, posts to Keyport's ACS, and
    // Keyport sends the browser to the CLI's loopback with the result sealed to the CLI's key.
    await page.goto(issuing.match[1] ?? '');
    await expect(page.getByRole('heading', { name: 'Done' })).toBeVisible();
    expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?state=[\w-]+&result=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(page.url()).not.toContain('ASIA');
    const { code, stderr } = await issuing.done;
    expect(code, stderr).toBe(0);
    const doc = JSON.parse(stdout) as { Version: number; AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
    expect(doc.Version).toBe(1);
    expect(page.url()).not.toContain(doc.AccessKeyId);
    const [event] = await query<{ channel: string }>(`SELECT details->>'channel' AS channel FROM audit_events WHERE type = 'ISSUE_SUCCEEDED' AND access_key_id = $1 AND occurred_at >= $2`, [doc.AccessKeyId, since]);
    expect(event?.channel).toBe('cli');
    // Cached like any other: the next call needs no browser.
    const again = await keyport(env, ['credential-process', '--role', SAML_DEVELOPER]);
    expect((JSON.parse(again.stdout) as { AccessKeyId: string }).AccessKeyId).toBe(doc.AccessKeyId);
  } finally {
    h.cleanup();
  }
});

test('the OpenAPI document is served, and a CLI token is not a cookie nor a cookie a CLI token', async ({ page, request }) => {
  const doc = (await (await request.get('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
  // Exactly what the route schemas generate (lib/cli-api/openapi-document.test.ts ties them to the routes).
  expect(doc).toEqual(JSON.parse(JSON.stringify(openApiDocument(E2E.portalUrl))));
  expect(Object.keys(doc.paths)).toContain('/api/cli/credentials');
  await signIn(page, 'erin');
  // The browser's session cookie does not open a CLI-only route…
  const viaCookie = await page.request.get('/api/cli/whoami');
  expect(viaCookie.status()).toBe(401);
  // …and a bearer header on a browser route is not taken for a session.
  const viaBearer = await page.request.get('/api/roles', { headers: { authorization: 'Bearer kpa_0000000000000000000000000000000000000000000' } });
  expect(viaBearer.status()).toBe(401);
});
