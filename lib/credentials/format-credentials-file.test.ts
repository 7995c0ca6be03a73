import { describe, expect, it } from 'vitest';
import { CredentialInputError } from './credential-input-error';
import { fixtureCredentials } from './credentials.fixture';
import { formatCredentialsFile } from './format-credentials-file';

describe('formatCredentialsFile', () => {
  it('writes a ~/.aws/credentials profile block with a trailing newline', () => {
    const text = formatCredentialsFile({
      credentials: { ...fixtureCredentials, sessionToken: 'IQoJb3JpZ2luX2Vj/Token+=' },
      profileName: 'keyport-prod',
    });
    expect(text).toBe(
      '[keyport-prod]\n' +
        'aws_access_key_id = ASIAQWERTYUIOPASDFGH\n' +
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE+K\n' +
        'aws_session_token = IQoJb3JpZ2luX2Vj/Token+=\n',
    );
  });

  it('accepts "default" and names with account/role punctuation', () => {
    for (const profileName of ['default', '123456789012:Admin', 'acme/prod.read-only', 'a@b+c=d,e_f']) {
      expect(formatCredentialsFile({ credentials: fixtureCredentials, profileName })).toMatch(
        new RegExp(`^\\[${profileName.replace(/[.+/]/g, '\\$&')}\\]\\n`),
      );
    }
  });

  it.each([
    ['', 'Profile name is required'],
    ['dev]\n[default', 'Profile name must be on a single line'],
    ['dev]x', 'Profile name must not contain "[" or "]"'],
    ['[dev', 'Profile name must not contain "[" or "]"'],
    [' dev', 'Profile name must not start or end with spaces'],
    ['dev ', 'Profile name must not start or end with spaces'],
    ['my profile', 'Profile name must start with a letter or digit and contain only'],
    ['-dev', 'Profile name must start with a letter or digit'],
    ['dev;rm', 'contain only letters, digits'],
    ['x'.repeat(65), 'Profile name must be at most 64 characters'],
  ])('rejects %j with a clear message', (profileName, message) => {
    const attempt = () => formatCredentialsFile({ credentials: fixtureCredentials, profileName });
    expect(attempt).toThrow(CredentialInputError);
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(expect.objectContaining({ field: 'profileName' }));
  });

  it('refuses credentials that could break out of the INI value', () => {
    expect(() =>
      formatCredentialsFile({
        credentials: { ...fixtureCredentials, sessionToken: 'abc\n[default]\naws_access_key_id = X' },
        profileName: 'dev',
      }),
    ).toThrow(CredentialInputError);
  });
});

describe('formatCredentialsFile with the chosen region', () => {
  const creds = { accessKeyId: 'ASIAABCDEFGHIJKLMNOP', secretAccessKey: 'abcdefghij/klmnopqrstuvwxyz+ABCDEFGHIJKL', sessionToken: 'FwoGZXIvYXdzEBYaDH/token+with=padding==', expiration: new Date('2030-01-02T03:04:05Z') };
  it('writes region = … into the profile block', () => {
    expect(formatCredentialsFile({ credentials: creds, profileName: 'sandbox-dev-DevDeveloper', region: 'eu-west-1' })).toBe(
      '[sandbox-dev-DevDeveloper]\naws_access_key_id = ASIAABCDEFGHIJKLMNOP\naws_secret_access_key = abcdefghij/klmnopqrstuvwxyz+ABCDEFGHIJKL\naws_session_token = FwoGZXIvYXdzEBYaDH/token+with=padding==\nregion = eu-west-1\n',
    );
  });
  it('refuses a region that is not an AWS region code', () => {
    expect(() => formatCredentialsFile({ credentials: creds, profileName: 'p', region: 'x\n[default]' })).toThrow(RangeError);
  });
});
