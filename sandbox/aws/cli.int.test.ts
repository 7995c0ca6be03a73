import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_READONLY, isolatedEnv, startHarness, type Harness } from './testing';

// The AWS CLI v1 (pip, `aws` on PATH) and v2 (Debian, /usr/bin/aws) against the sandbox, unchanged.
const CLIS = [
  { name: 'AWS CLI v1', bin: 'aws', major: '1' },
  { name: 'AWS CLI v2', bin: '/usr/bin/aws', major: '2' },
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(bin, args, { env, timeout: 45_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe.each(CLIS)('$name', ({ bin, major }) => {
  const common = () => ['--endpoint-url', h.aws.url, '--region', 'us-east-1', '--output', 'json'];

  it('is the expected major version', async () => {
    const out = await run(bin, ['--version'], isolatedEnv());
    expect(`${out.stdout}${out.stderr}`).toMatch(new RegExp(`^aws-cli/${major}\\.`));
  });

  it('assumes a role with a web identity token and then answers get-caller-identity', async () => {
    const token = await h.token();
    const assumed = await run(
      bin,
      ['sts', 'assume-role-with-web-identity', '--role-arn', DEV_READONLY, '--role-session-name', `cli-v${major}`, '--web-identity-token', token, ...common()],
      isolatedEnv(),
    );
    expect(assumed.stderr).toBe('');
    expect(assumed.code).toBe(0);
    const out = JSON.parse(assumed.stdout) as {
      Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };
      AssumedRoleUser: { Arn: string };
    };
    expect(out.Credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.Credentials.SecretAccessKey).toHaveLength(40);
    expect(Date.parse(out.Credentials.Expiration)).toBeGreaterThan(Date.now());
    expect(out.AssumedRoleUser.Arn).toBe(`arn:aws:sts::111122223333:assumed-role/DevReadOnly/cli-v${major}`);

    const who = await run(
      bin,
      ['sts', 'get-caller-identity', ...common()],
      isolatedEnv({
        AWS_ACCESS_KEY_ID: out.Credentials.AccessKeyId,
        AWS_SECRET_ACCESS_KEY: out.Credentials.SecretAccessKey,
        AWS_SESSION_TOKEN: out.Credentials.SessionToken,
      }),
    );
    expect(who.code).toBe(0);
    const identity = JSON.parse(who.stdout) as { Arn: string; Account: string };
    expect(identity.Arn).toBe(`arn:aws:sts::111122223333:assumed-role/DevReadOnly/cli-v${major}`);
    expect(identity.Account).toBe('111122223333');
  });

  it('fails with InvalidIdentityToken for a tampered token', async () => {
    const token = await h.token();
    const tampered = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const out = await run(
      bin,
      ['sts', 'assume-role-with-web-identity', '--role-arn', DEV_READONLY, '--role-session-name', 'cli', '--web-identity-token', tampered, ...common()],
      isolatedEnv(),
    );
    expect(out.code).not.toBe(0);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('(InvalidIdentityToken)');
    expect(out.stderr).toContain('AssumeRoleWithWebIdentity');
  });

  it('fails get-caller-identity with SignatureDoesNotMatch for a wrong secret', async () => {
    const creds = await h.assume(DEV_READONLY, 'cli');
    const out = await run(
      bin,
      ['sts', 'get-caller-identity', ...common()],
      isolatedEnv({
        AWS_ACCESS_KEY_ID: creds.AccessKeyId ?? '',
        AWS_SECRET_ACCESS_KEY: 'x'.repeat(40),
        AWS_SESSION_TOKEN: creds.SessionToken ?? '',
      }),
    );
    expect(out.code).not.toBe(0);
    expect(out.stderr).toContain('SignatureDoesNotMatch');
  });
});
