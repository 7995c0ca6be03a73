import { describe, expect, it } from 'vitest';
import { checkTemporaryCredentials } from './check-temporary-credentials';
import { CredentialInputError } from './credential-input-error';
import { fixtureCredentials } from './credentials.fixture';
import { temporaryCredentialsSchema } from './temporary-credentials-schema';
import type { TemporaryCredentials } from './types';

const unsafe: Array<[string, Partial<TemporaryCredentials>, string]> = [
  ['a shell substitution in the token', { sessionToken: 'abc$(rm -rf ~)' }, 'sessionToken'],
  ['a quote in the secret', { secretAccessKey: 'abc"def' }, 'secretAccessKey'],
  ['a newline in the token', { sessionToken: 'abc\nexport EVIL=1' }, 'sessionToken'],
  ['an empty secret', { secretAccessKey: '' }, 'secretAccessKey'],
  ['a short access key id', { accessKeyId: 'ASIA123' }, 'accessKeyId'],
  ['a too long access key id', { accessKeyId: 'A'.repeat(129) }, 'accessKeyId'],
  ['a hyphen in the access key id', { accessKeyId: 'ASIA-ABCDEFGHIJKLMNOP' }, 'accessKeyId'],
  ['an invalid expiration', { expiration: new Date(Number.NaN) }, 'expiration'],
];

// Values the types forbid but a JSON body could still carry.
const untyped: Array<[string, Record<string, unknown>, string]> = [
  ['a string expiration', { expiration: '2099-12-31T23:59:59Z' }, 'expiration'],
  ['a number token', { sessionToken: 42 }, 'sessionToken'],
  ['a missing access key id', { accessKeyId: undefined }, 'accessKeyId'],
];

describe('checkTemporaryCredentials', () => {
  it('accepts STS-shaped credentials, including base64url and emulator characters', () => {
    expect(() => checkTemporaryCredentials(fixtureCredentials)).not.toThrow();
    expect(() => checkTemporaryCredentials({ ...fixtureCredentials, sessionToken: 'a-b_c.d/e+f=' })).not.toThrow();
  });

  it.each(unsafe)('refuses %s, naming the field', (_label, override, field) => {
    const attempt = () => checkTemporaryCredentials({ ...fixtureCredentials, ...override });
    expect(attempt).toThrow(CredentialInputError);
    expect(attempt).toThrow(expect.objectContaining({ field: `credentials.${field}` }));
  });

  it.each(untyped)('refuses %s, as temporaryCredentialsSchema does', (_label, override, field) => {
    const credentials = { ...fixtureCredentials, ...override } as TemporaryCredentials;
    expect(() => checkTemporaryCredentials(credentials)).toThrow(expect.objectContaining({ field: `credentials.${field}` }));
    expect(temporaryCredentialsSchema.safeParse(credentials).error?.issues[0]?.path).toEqual([field]);
  });

  it.each(unsafe)('agrees with temporaryCredentialsSchema on %s', (_label, override, field) => {
    const credentials = { ...fixtureCredentials, ...override };
    const issue = temporaryCredentialsSchema.safeParse(credentials).error?.issues[0];
    expect(issue?.path).toEqual([field]);
    expect(() => checkTemporaryCredentials(credentials)).toThrow(`credentials.${field}: ${issue?.message}`);
  });

  it('reports the first bad field in field order', () => {
    expect(() => checkTemporaryCredentials({ ...fixtureCredentials, accessKeyId: 'x', sessionToken: '' })).toThrow(
      expect.objectContaining({ field: 'credentials.accessKeyId' }),
    );
  });

  it('never echoes a rejected value in the error message', () => {
    const attempt = () => checkTemporaryCredentials({ ...fixtureCredentials, sessionToken: 'SECRET-TOKEN$' });
    expect(attempt).toThrow(CredentialInputError);
    expect(attempt).not.toThrow('SECRET-TOKEN');
  });
});
