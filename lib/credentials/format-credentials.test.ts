import { describe, expect, it } from 'vitest';
import { CredentialInputError } from './credential-input-error';
import { formatCredentials } from './format-credentials';
import { exportFormats, type TemporaryCredentials } from './types';

const credentials: TemporaryCredentials = {
  accessKeyId: 'ASIAABCDEFGHIJKLMNOP',
  secretAccessKey: 'abcdefghij/klmnopqrstuvwxyz+ABCDEFGHIJKL',
  sessionToken: 'FwoGZXIvYXdzEBYaDH/token+with=padding==',
  expiration: new Date('2030-01-02T03:04:05Z'),
};

const withMillis = { ...credentials, expiration: new Date('2030-01-02T03:04:05.123Z') };

// Expected texts are what /usr/bin/aws 2.9.19 printed for the same values (see
// export-formats.int.test.ts, which checks this against the real CLI); fish follows the v2 source.
describe('formatCredentials', () => {
  it('env: export lines, unquoted, expiration last, trailing newline', () => {
    expect(formatCredentials({ credentials, format: 'env' })).toBe(
      'export AWS_ACCESS_KEY_ID=ASIAABCDEFGHIJKLMNOP\n' +
        'export AWS_SECRET_ACCESS_KEY=abcdefghij/klmnopqrstuvwxyz+ABCDEFGHIJKL\n' +
        'export AWS_SESSION_TOKEN=FwoGZXIvYXdzEBYaDH/token+with=padding==\n' +
        'export AWS_CREDENTIAL_EXPIRATION=2030-01-02T03:04:05+00:00\n',
    );
  });

  it('env-no-export: bare assignments', () => {
    expect(formatCredentials({ credentials, format: 'env-no-export' })).toBe(
      'AWS_ACCESS_KEY_ID=ASIAABCDEFGHIJKLMNOP\n' +
        'AWS_SECRET_ACCESS_KEY=abcdefghij/klmnopqrstuvwxyz+ABCDEFGHIJKL\n' +
        'AWS_SESSION_TOKEN=FwoGZXIvYXdzEBYaDH/token+with=padding==\n' +
        'AWS_CREDENTIAL_EXPIRATION=2030-01-02T03:04:05+00:00\n',
    );
  });

  it('powershell: $Env: with double-quoted values', () => {
    expect(formatCredentials({ credentials, format: 'powershell' })).toBe(
      '$Env:AWS_ACCESS_KEY_ID="ASIAABCDEFGHIJKLMNOP"\n' +
        '$Env:AWS_SECRET_ACCESS_KEY="abcdefghij/klmnopqrstuvwxyz+ABCDEFGHIJKL"\n' +
        '$Env:AWS_SESSION_TOKEN="FwoGZXIvYXdzEBYaDH/token+with=padding=="\n' +
        '$Env:AWS_CREDENTIAL_EXPIRATION="2030-01-02T03:04:05+00:00"\n',
    );
  });

  it('windows-cmd: set lines', () => {
    expect(formatCredentials({ credentials, format: 'windows-cmd' })).toBe(
      'set AWS_ACCESS_KEY_ID=ASIAABCDEFGHIJKLMNOP\n' +
        'set AWS_SECRET_ACCESS_KEY=abcdefghij/klmnopqrstuvwxyz+ABCDEFGHIJKL\n' +
        'set AWS_SESSION_TOKEN=FwoGZXIvYXdzEBYaDH/token+with=padding==\n' +
        'set AWS_CREDENTIAL_EXPIRATION=2030-01-02T03:04:05+00:00\n',
    );
  });

  it('fish: set -gx with double-quoted values (AWS CLI v2 source)', () => {
    expect(formatCredentials({ credentials, format: 'fish' })).toBe(
      'set -gx AWS_ACCESS_KEY_ID "ASIAABCDEFGHIJKLMNOP"\n' +
        'set -gx AWS_SECRET_ACCESS_KEY "abcdefghij/klmnopqrstuvwxyz+ABCDEFGHIJKL"\n' +
        'set -gx AWS_SESSION_TOKEN "FwoGZXIvYXdzEBYaDH/token+with=padding=="\n' +
        'set -gx AWS_CREDENTIAL_EXPIRATION "2030-01-02T03:04:05+00:00"\n',
    );
  });

  it('process: credential_process JSON with two-space indent and trailing newline', () => {
    const text = formatCredentials({ credentials, format: 'process' });
    expect(text).toBe(
      '{\n' +
        '  "Version": 1,\n' +
        '  "AccessKeyId": "ASIAABCDEFGHIJKLMNOP",\n' +
        '  "SecretAccessKey": "abcdefghij/klmnopqrstuvwxyz+ABCDEFGHIJKL",\n' +
        '  "SessionToken": "FwoGZXIvYXdzEBYaDH/token+with=padding==",\n' +
        '  "Expiration": "2030-01-02T03:04:05+00:00"\n' +
        '}\n',
    );
    expect(JSON.parse(text)).toEqual({
      Version: 1,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: '2030-01-02T03:04:05+00:00',
    });
  });

  it('prints sub-second expirations with six fractional digits, as Python isoformat does', () => {
    expect(formatCredentials({ credentials: withMillis, format: 'env' })).toContain(
      'export AWS_CREDENTIAL_EXPIRATION=2030-01-02T03:04:05.123000+00:00\n',
    );
    expect(formatCredentials({ credentials: withMillis, format: 'process' })).toContain(
      '  "Expiration": "2030-01-02T03:04:05.123000+00:00"\n}\n',
    );
  });

  it('writes the expiration in UTC whatever the Date was built from', () => {
    const fromOffset = { ...credentials, expiration: new Date('2030-01-02T05:04:05+02:00') };
    expect(formatCredentials({ credentials: fromOffset, format: 'env-no-export' })).toContain(
      'AWS_CREDENTIAL_EXPIRATION=2030-01-02T03:04:05+00:00\n',
    );
  });

  it.each([
    ['a shell substitution in the token', { sessionToken: 'abc$(rm -rf ~)' }, 'credentials.sessionToken'],
    ['a quote in the secret', { secretAccessKey: 'abc"def' }, 'credentials.secretAccessKey'],
    ['a newline in the token', { sessionToken: 'abc\nexport EVIL=1' }, 'credentials.sessionToken'],
    ['a backtick in the secret', { secretAccessKey: 'abc`whoami`' }, 'credentials.secretAccessKey'],
    ['a percent sign for cmd', { sessionToken: 'abc%PATH%' }, 'credentials.sessionToken'],
    ['an empty secret', { secretAccessKey: '' }, 'credentials.secretAccessKey'],
    ['a short access key id', { accessKeyId: 'ASIA123' }, 'credentials.accessKeyId'],
    ['a space in the access key id', { accessKeyId: 'ASIA ABCDEFGHIJKLMNOP' }, 'credentials.accessKeyId'],
    ['an invalid expiration', { expiration: new Date(Number.NaN) }, 'credentials.expiration'],
  ])('refuses %s rather than emit an unsafe line', (_label, override, field) => {
    for (const format of exportFormats) {
      const attempt = () => formatCredentials({ credentials: { ...credentials, ...override }, format });
      expect(attempt).toThrow(CredentialInputError);
      expect(attempt).toThrow(expect.objectContaining({ field }));
    }
  });

  it('never echoes a rejected value in the error message', () => {
    try {
      formatCredentials({ credentials: { ...credentials, sessionToken: 'SECRET-TOKEN$' }, format: 'env' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('SECRET-TOKEN');
    }
  });

  it('rejects an unknown format', () => {
    expect(() => formatCredentials({ credentials, format: 'zsh' as never })).toThrow(RangeError);
  });
});

describe('formatCredentials with the chosen region', () => {
  it('appends AWS_REGION and AWS_DEFAULT_REGION after the CLI lines, in each shell syntax', () => {
    const cli = formatCredentials({ credentials, format: 'env' });
    const withRegion = formatCredentials({ credentials, format: 'env', region: 'eu-west-1' });
    expect(withRegion).toBe(`${cli}export AWS_REGION=eu-west-1\nexport AWS_DEFAULT_REGION=eu-west-1\n`);
    expect(formatCredentials({ credentials, format: 'fish', region: 'eu-west-1' })).toContain('set -gx AWS_REGION "eu-west-1"\nset -gx AWS_DEFAULT_REGION "eu-west-1"\n');
    expect(formatCredentials({ credentials, format: 'powershell', region: 'us-gov-west-1' })).toContain('$Env:AWS_REGION="us-gov-west-1"\n$Env:AWS_DEFAULT_REGION="us-gov-west-1"\n');
    expect(formatCredentials({ credentials, format: 'windows-cmd', region: 'ap-northeast-1' })).toContain('set AWS_REGION=ap-northeast-1\nset AWS_DEFAULT_REGION=ap-northeast-1\n');
    expect(formatCredentials({ credentials, format: 'env-no-export', region: 'eu-west-1' })).toContain('AWS_REGION=eu-west-1\nAWS_DEFAULT_REGION=eu-west-1\n');
  });

  it('leaves credential_process output as the CLI writes it (it has no region)', () => {
    expect(formatCredentials({ credentials, format: 'process', region: 'eu-west-1' })).toBe(formatCredentials({ credentials, format: 'process' }));
  });

  it('refuses a region that is not an AWS region code (it would land unquoted in a shell)', () => {
    for (const bad of ['eu-west-1; rm -rf ~', '$(id)', 'EU-WEST-1', '', 'eu-west-1\nexport X=1']) {
      expect(() => formatCredentials({ credentials, format: 'env', region: bad })).toThrow(RangeError);
    }
  });
});
