import { describe, expect, it } from 'vitest';
import { profileNameFor, shellWord } from './commands/configure.js';
import { defaultEnvFormat } from './commands/env.js';
import { execEnvironment } from './commands/exec.js';
import { normalizePortalUrl, configDir } from './config.js';
import { CliError, kindOfRefusal } from './errors.js';

describe('profile names', () => {
  const r = { accountLabel: 'Production', roleLabel: 'Prod read-only (on-call)', accountId: '444455556666', roleArn: 'arn:aws:iam::444455556666:role/team/ProdReadOnly' };
  it('follows the template with safe characters only', () => {
    expect(profileNameFor('<account-label>-<role-label>', r)).toBe('Production-Prod-read-only-on-call');
    expect(profileNameFor('kp-<role-name>-<account-id>', r)).toBe('kp-ProdReadOnly-444455556666');
    expect(profileNameFor('<role-label>]\n[evil', r)).not.toMatch(/[\]\n[]/);
  });
});

describe('shellWord', () => {
  it('quotes what shlex would split', () => {
    expect(shellWord('/usr/bin/node')).toBe('/usr/bin/node');
    expect(shellWord('/Users/me/My Tools/keyport.js')).toBe('"/Users/me/My Tools/keyport.js"');
    expect(shellWord('a"b$c')).toBe('"a\\"b\\$c"');
  });
});

describe('env format', () => {
  it('from the shell', () => {
    expect(defaultEnvFormat({ SHELL: '/usr/bin/fish' }, 'linux')).toBe('fish');
    expect(defaultEnvFormat({ SHELL: '/bin/zsh' }, 'darwin')).toBe('env');
    expect(defaultEnvFormat({ PSModulePath: 'x' }, 'win32')).toBe('powershell');
    expect(defaultEnvFormat({}, 'win32')).toBe('windows-cmd');
  });
});

describe('exec environment', () => {
  it('replaces every other AWS credential setting', () => {
    const env = execEnvironment({ AWS_PROFILE: 'other', AWS_SECURITY_TOKEN: 'old', PATH: '/bin' }, { accessKeyId: 'ASIAEXAMPLEEXAMPLE00', secretAccessKey: 's', sessionToken: 't', expiration: '2026-12-01T12:00:00.000Z', region: 'eu-west-1', assumedRoleArn: 'a', roleArn: 'r' });
    expect(env.AWS_PROFILE).toBeUndefined();
    expect(env.AWS_SECURITY_TOKEN).toBeUndefined();
    expect(env).toMatchObject({ PATH: '/bin', AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEEXAMPLE00', AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1', AWS_CREDENTIAL_EXPIRATION: '2026-12-01T12:00:00+00:00' });
  });
});

describe('config', () => {
  it('normalises the portal URL and refuses others', () => {
    expect(normalizePortalUrl('https://keyport.example.com/')).toBe('https://keyport.example.com');
    expect(normalizePortalUrl('https://example.com/keyport/')).toBe('https://example.com/keyport');
    for (const bad of ['keyport.example.com', 'ftp://x', 'https://u:p@x', 'https://x/?a=1', 'javascript:alert(1)']) expect(() => normalizePortalUrl(bad), bad).toThrow(CliError);
  });
  it('lives under XDG_CONFIG_HOME, else ~/.config', () => {
    expect(configDir({ XDG_CONFIG_HOME: '/x' })).toBe('/x/keyport');
    if (process.platform !== 'win32') expect(configDir({ HOME: '/home/me' })).toBe('/home/me/.config/keyport');
  });
});

describe('refusal kinds', () => {
  it('tells revoked from expired', () => {
    expect(kindOfRefusal('person_revoked')).toBe('revoked');
    expect(kindOfRefusal('device_revoked')).toBe('revoked');
    expect(kindOfRefusal('refresh_expired')).toBe('notLoggedIn');
    expect(kindOfRefusal('session_ended')).toBe('notLoggedIn');
    expect(kindOfRefusal(undefined)).toBe('notLoggedIn');
  });
});
