// Broker mode on the real `npm start` sandbox: Keyport is the OIDC issuer the sandbox AWS trusts.
// Its discovery document and JWKS are served (and `issuer:publish` writes the same), a raw IdP
// token (`sandbox:token -- <person> --idp`) opens no broker-mode role, and a token Keyport mints
// (`sandbox:token -- <person> --role <arn>`) opens exactly the role it was minted for.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { expect, test } from '@playwright/test';
import { callerIdentity, E2E } from '../fixtures/stack';

const run = promisify(execFile);
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
const env: NodeJS.ProcessEnv = {
  NODE_ENV: 'test',
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? '/tmp',
  KEYPORT_DATA_DIR: E2E.dataDir,
  PORT: String(E2E.portalPort),
  SANDBOX_OIDC_PORT: String(4101 + offset),
  SANDBOX_AWS_PORT: String(4666 + offset),
  SANDBOX_SAML_PORT: String(4102 + offset),
  SANDBOX_PG_PORT: String(E2E.pgPort),
};
const script = (name: string, args: string[]) => run(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], { env, cwd: process.cwd() });
const token = async (args: string[]) => (await script('sandbox-token', args)).stdout.trim();

const PROD_RO = 'arn:aws:iam::444455556666:role/ProdReadOnly';
const PROD_ADMIN = 'arn:aws:iam::444455556666:role/platform/ProdAdmin';
const SEC = 'arn:aws:iam::111122223333:role/SecurityAudit';
const DRILL = 'arn:aws:iam::111122223333:role/RevocationDrill';

async function assume(roleArn: string, webIdentityToken: string) {
  const sts = new STSClient({ region: 'us-east-1', endpoint: E2E.awsUrl, maxAttempts: 1, credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' } });
  try {
    return await sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: 'cli', WebIdentityToken: webIdentityToken }));
  } finally {
    sts.destroy();
  }
}
const refusal = (p: Promise<unknown>) => p.then(() => 'issued', (e: { name?: string }) => e.name ?? 'error');

test('readiness names broker mode and the issuer AWS must trust', async ({ request }) => {
  const ready = (await (await request.get('/api/ready')).json()) as { federation: { mode: string; awsMustTrust: { providerUrl: string; audience: string } } };
  expect(ready.federation.mode).toBe('broker');
  expect(ready.federation.awsMustTrust).toMatchObject({ providerUrl: `${E2E.portalUrl}/oidc`, audience: 'sts.amazonaws.com' });
});

test('issuer:publish writes exactly what Keyport serves at its issuer URL', async ({ request }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keyport-publish-'));
  try {
    await script('issuer-publish', [dir]);
    const served = await request.get('/oidc/.well-known/openid-configuration');
    expect(served.status()).toBe(200);
    const discovery = (await served.json()) as { issuer: string; jwks_uri: string };
    expect(discovery).toEqual(JSON.parse(readFileSync(path.join(dir, '.well-known', 'openid-configuration'), 'utf8')));
    expect(discovery.jwks_uri).toBe(`${E2E.portalUrl}/oidc/jwks`);
    expect(await (await request.get('/oidc/jwks')).json()).toEqual(JSON.parse(readFileSync(path.join(dir, 'jwks'), 'utf8')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("Keyport's own SAML IdP metadata is served for IAM (SAML broker mode)", async ({ request }) => {
  const res = await request.get('/saml-idp/metadata');
  expect(res.status()).toBe(200);
  const xml = await res.text();
  expect(xml).toContain(`entityID="${E2E.portalUrl}/saml-idp"`);
  expect(xml).toMatch(/<ds:X509Certificate>[A-Za-z0-9+/=]{200,}<\/ds:X509Certificate>/);
  expect(xml).not.toContain('PRIVATE KEY');
});

test("a raw IdP token opens no broker-mode role; Keyport's token opens only the role it was minted for", async () => {
  const idp = await token(['alice', '--idp']);
  for (const role of [PROD_RO, PROD_ADMIN, SEC, DRILL]) expect(await refusal(assume(role, idp)), role).toBe('AccessDenied');

  const minted = await token(['alice', '--role', PROD_RO]);
  const out = await assume(PROD_RO, minted);
  expect(out.SourceIdentity).toBe('alice@example.com');
  const c = out.Credentials;
  expect(await callerIdentity({ accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' })).toBe('arn:aws:sts::444455556666:assumed-role/ProdReadOnly/cli');
  for (const role of [PROD_ADMIN, SEC, DRILL]) expect(await refusal(assume(role, minted)), role).toBe('AccessDenied');
});

test('sandbox:token refuses, with the reason, a role the person is not mapped to, and a passthrough role', async () => {
  const notMapped = await script('sandbox-token', ['alice', '--role', PROD_ADMIN]).then(
    () => null,
    (e: { code?: number; stderr?: string }) => e,
  );
  expect(notMapped?.code).toBe(1);
  expect(notMapped?.stderr).toContain(`alice is not mapped to ${PROD_ADMIN}`);
  const passthrough = await script('sandbox-token', ['alice', '--role', 'arn:aws:iam::111122223333:role/DevReadOnly']).then(
    () => null,
    (e: { code?: number; stderr?: string }) => e,
  );
  expect(passthrough?.code).toBe(1);
  expect(passthrough?.stderr).toContain('passthrough mode');
});
