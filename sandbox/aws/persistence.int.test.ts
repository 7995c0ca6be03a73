import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import { IAMClient, ListRolePoliciesCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxAws } from './server';
import { startTestIssuer, type TestIssuer } from './test-issuer';
import { CLIENT_ID, DEV_ACCOUNT, DEV_DEVELOPER, failure, makeWorld } from './testing';

let dir: string;
let issuer: TestIssuer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-aws-state-'));
  issuer = await startTestIssuer();
});
afterAll(async () => {
  await issuer.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('statePath persistence', () => {
  it('keeps issued keys valid and revocations in force across a restart', async () => {
    const statePath = join(dir, 'nested', 'aws-state.json');
    const world = makeWorld(issuer.url);
    const first = await startSandboxAws({ world, statePath });
    const anon = new STSClient({ region: 'us-east-1', endpoint: first.url, maxAttempts: 1 });
    const issue = async (endpoint: string, name: string): Promise<Credentials> => {
      const sts = new STSClient({ region: 'us-east-1', endpoint, maxAttempts: 1 });
      const out = await sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: DEV_DEVELOPER,
          RoleSessionName: name,
          WebIdentityToken: await issuer.sign({ sub: name, aud: CLIENT_ID }),
        }),
      );
      sts.destroy();
      if (out.Credentials === undefined) throw new Error('no credentials');
      return out.Credentials;
    };
    const kept = await issue(first.url, 'kept');
    const revoked = await issue(first.url, 'revoked');
    await new Promise((r) => setTimeout(r, 20));
    const cutoff = new Date();
    const admin = first.iamAdminCredentials(DEV_ACCOUNT);
    const iam1 = new IAMClient({ region: 'us-east-1', endpoint: first.url, maxAttempts: 1, credentials: admin ?? { accessKeyId: '', secretAccessKey: '' } });
    await iam1.send(
      new PutRolePolicyCommand({
        RoleName: 'DevDeveloper',
        PolicyName: 'Revoke',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': cutoff.toISOString() }, StringLike: { 'aws:userid': '*:revoked' } } },
          ],
        }),
      }),
    );
    iam1.destroy();
    anon.destroy();
    await first.close();

    // The file holds the sessions (secrets needed for SigV4) but never a session token.
    const text = readFileSync(statePath, 'utf8');
    expect(text).toContain(kept.AccessKeyId ?? 'missing');
    expect(text).not.toContain(kept.SessionToken ?? 'missing');
    expect(statSync(statePath).mode & 0o077).toBe(0);

    const second = await startSandboxAws({ world: makeWorld(issuer.url), statePath });
    try {
      const client = (c: Credentials) =>
        new STSClient({
          region: 'us-east-1',
          endpoint: second.url,
          maxAttempts: 1,
          credentials: { accessKeyId: c.AccessKeyId ?? '', secretAccessKey: c.SecretAccessKey ?? '', sessionToken: c.SessionToken ?? '' },
        });
      expect((await client(kept).send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:sts::111122223333:assumed-role/DevDeveloper/kept');
      expect((await failure(() => client(revoked).send(new GetCallerIdentityCommand({})))).name).toBe('AccessDenied');
      const iam2 = new IAMClient({ region: 'us-east-1', endpoint: second.url, maxAttempts: 1, credentials: admin ?? { accessKeyId: '', secretAccessKey: '' } });
      expect((await iam2.send(new ListRolePoliciesCommand({ RoleName: 'DevDeveloper' }))).PolicyNames).toEqual(['Revoke']);
      iam2.destroy();
      // New sessions issued after the restart work.
      const later = await issue(second.url, 'revoked');
      expect((await client(later).send(new GetCallerIdentityCommand({}))).Arn).toContain('/revoked');
      expect(second.issuedSessions().map((s) => s.sessionName).sort()).toEqual(['kept', 'revoked', 'revoked']);
    } finally {
      await second.close();
    }
  });

  it('refuses to start on a corrupt state file rather than silently forgetting', async () => {
    const statePath = join(dir, 'corrupt.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(statePath, '{"version":1,"sessions":"nope"}');
    await expect(startSandboxAws({ world: makeWorld(issuer.url), statePath })).rejects.toThrow(/state file .* is unreadable/);
  });
});
