import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCredentials } from './credentials.fixture';
import { formatCredentials } from './format-credentials';
import { formatCredentialsFile } from './format-credentials-file';
import type { ExportFormat, TemporaryCredentials } from './types';

// Compares our output with the real AWS CLI v2 (Debian's awscli, /usr/bin/aws 2.9.19). That
// version has no `fish` format; fish is covered by the unit tests against the CLI's source.
const AWS = '/usr/bin/aws';
const CLI_FORMATS = ['env', 'env-no-export', 'powershell', 'windows-cmd', 'process'] as const satisfies readonly ExportFormat[];

const run = promisify(execFile);
let home = '';

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'keyport-awscli-'));
});

afterAll(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

/** Runs the CLI with a clean environment: nothing from the developer's own AWS setup leaks in. */
async function aws(args: string[], extraEnv: Record<string, string>): Promise<string> {
  // Checked in every test (not in a hook) so a missing CLI fails each test instead of skipping it.
  if (!existsSync(AWS)) {
    throw new Error(
      `${AWS} not found: these tests compare Keyport's output with the real AWS CLI v2. ` +
        "Install Debian's awscli package (sudo apt-get install awscli) and run them again.",
    );
  }
  const { stdout } = await run(AWS, args, {
    encoding: 'utf8',
    env: {
      // Next's global types make NODE_ENV mandatory in ProcessEnv; the CLI ignores it.
      NODE_ENV: 'test',
      PATH: '/usr/bin:/bin',
      HOME: home,
      LANG: 'C.UTF-8',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
      ...extraEnv,
    },
  });
  return stdout;
}

function credentialEnv(credentials: TemporaryCredentials): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    // ISO 8601 in UTC as Date#toISOString writes it; the CLI parses it and echoes Python's
    // isoformat() (`…+00:00`, `.ffffff` only when there are sub-seconds).
    AWS_CREDENTIAL_EXPIRATION: credentials.expiration.toISOString(),
  };
}

describe('formatCredentials matches `aws configure export-credentials` byte for byte', () => {
  const cases: Array<[string, TemporaryCredentials]> = [
    ['whole-second expiration', fixtureCredentials],
    ['sub-second expiration', { ...fixtureCredentials, expiration: new Date('2099-06-15T08:30:00.250Z') }],
  ];

  for (const [label, credentials] of cases) {
    it.each(CLI_FORMATS)(`--format %s (${label})`, async (format) => {
      const cli = await aws(['configure', 'export-credentials', '--format', format], credentialEnv(credentials));
      expect(formatCredentials({ credentials, format })).toBe(cli);
    });
  }

  it('echoes the expiration in the format formatCredentials writes', async () => {
    const cli = await aws(['configure', 'export-credentials', '--format', 'env-no-export'], credentialEnv(fixtureCredentials));
    expect(cli).toContain('\nAWS_CREDENTIAL_EXPIRATION=2099-12-31T23:59:59+00:00\n');
  });
});

describe('formatCredentialsFile round-trips through the AWS CLI', () => {
  it.each(['keyport-dev', 'default', '123456789012:Admin'])('profile %s reads back the same keys', async (profileName) => {
    const file = join(home, `credentials-${profileName.replace(/[^a-z0-9]/gi, '_')}`);
    // A neighbouring profile proves the block is self-contained and selected by name.
    await writeFile(
      file,
      `[other]\naws_access_key_id = AKIAOTHEROTHEROTHER0\naws_secret_access_key = other\n\n${formatCredentialsFile({
        credentials: fixtureCredentials,
        profileName,
      })}`,
      { mode: 0o600 },
    );
    const stdout = await aws(['configure', 'export-credentials', '--profile', profileName, '--format', 'process'], {
      AWS_SHARED_CREDENTIALS_FILE: file,
    });
    expect(JSON.parse(stdout)).toEqual({
      Version: 1,
      AccessKeyId: fixtureCredentials.accessKeyId,
      SecretAccessKey: fixtureCredentials.secretAccessKey,
      SessionToken: fixtureCredentials.sessionToken,
    });
  });
});

describe('the chosen region reaches the AWS CLI', () => {
  it('from a profile block of ~/.aws/credentials', async () => {
    const file = join(home, 'credentials-region');
    await writeFile(file, formatCredentialsFile({ credentials: fixtureCredentials, profileName: 'sandbox-dev-DevDeveloper', region: 'eu-west-1' }), { mode: 0o600 });
    const stdout = await aws(['configure', 'get', 'region', '--profile', 'sandbox-dev-DevDeveloper'], { AWS_SHARED_CREDENTIALS_FILE: file });
    expect(stdout.trim()).toBe('eu-west-1');
  });

  it('from the exported shell variables', async () => {
    const lines = formatCredentials({ credentials: fixtureCredentials, format: 'env-no-export', region: 'ap-northeast-1' }).trim().split('\n');
    const env = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const stdout = await aws(['configure', 'list'], env);
    expect(stdout).toMatch(/region\s+ap-northeast-1\s+env/);
  });
});
