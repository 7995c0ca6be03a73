import { describe, expect, it } from 'vitest';
import { buildConsoleLoginUrl } from './build-console-login-url';
import { CredentialInputError } from './credential-input-error';

const signinToken = 'VCQgrzf3dWhLz_Example-Token+with/chars=';
const issuer = 'https://keyport.example.com/';

describe('buildConsoleLoginUrl', () => {
  it('builds Action=login with Issuer, the regional console Destination and the SigninToken', () => {
    expect(buildConsoleLoginUrl({ partition: 'aws', signinToken, region: 'eu-west-1', issuer })).toBe(
      'https://signin.aws.amazon.com/federation?Action=login' +
        '&Issuer=https%3A%2F%2Fkeyport.example.com%2F' +
        '&Destination=https%3A%2F%2Feu-west-1.console.aws.amazon.com%2Fconsole%2Fhome%3Fregion%3Deu-west-1' +
        '&SigninToken=VCQgrzf3dWhLz_Example-Token%2Bwith%2Fchars%3D',
    );
  });

  it('decodes back to the intended parameters', () => {
    const url = new URL(buildConsoleLoginUrl({ partition: 'aws', signinToken, region: 'us-east-1', issuer }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      Action: 'login',
      Issuer: issuer,
      Destination: 'https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1',
      SigninToken: signinToken,
    });
  });

  it.each([
    ['aws-cn', 'cn-north-1', 'https://signin.amazonaws.cn/federation', 'https://cn-north-1.console.amazonaws.cn/console/home?region=cn-north-1'],
    [
      'aws-cn',
      'cn-northwest-1',
      'https://signin.amazonaws.cn/federation',
      'https://cn-northwest-1.console.amazonaws.cn/console/home?region=cn-northwest-1',
    ],
    [
      'aws-us-gov',
      'us-gov-west-1',
      'https://signin.amazonaws-us-gov.com/federation',
      'https://us-gov-west-1.console.amazonaws-us-gov.com/console/home?region=us-gov-west-1',
    ],
    [
      'aws-us-gov',
      'us-gov-east-1',
      'https://signin.amazonaws-us-gov.com/federation',
      'https://us-gov-east-1.console.amazonaws-us-gov.com/console/home?region=us-gov-east-1',
    ],
  ] as const)('%s %s uses its own sign-in and console hosts', (partition, region, endpoint, destination) => {
    const url = new URL(buildConsoleLoginUrl({ partition, signinToken, region, issuer }));
    expect(`${url.origin}${url.pathname}`).toBe(endpoint);
    expect(url.searchParams.get('Destination')).toBe(destination);
  });

  it.each([
    'eu-west-1/../../evil',
    'eu-west-1.evil.com',
    'eu-west-1?x=1',
    'eu-west-1#',
    'EU-WEST-1',
    'eu-west-12',
    'eu-west',
    'eu west 1',
    '',
    'https://evil.com',
    'eu-west-1\n',
  ])('rejects the region %j before it reaches a URL', (region) => {
    const attempt = () => buildConsoleLoginUrl({ partition: 'aws', signinToken, region, issuer });
    expect(attempt).toThrow(CredentialInputError);
    expect(attempt).toThrow(expect.objectContaining({ field: 'region' }));
  });

  it.each([
    ['aws', 'cn-north-1'],
    ['aws', 'us-gov-west-1'],
    ['aws-cn', 'eu-west-1'],
    ['aws-us-gov', 'us-east-1'],
  ] as const)('rejects a %s login to the foreign region %s', (partition, region) => {
    expect(() => buildConsoleLoginUrl({ partition, signinToken, region, issuer })).toThrow(/partition/);
  });

  it.each(['', 'has space', 'line\nbreak', 'ünïcode', 'x'.repeat(16_385)])('rejects the sign-in token %j', (token) => {
    expect(() => buildConsoleLoginUrl({ partition: 'aws', signinToken: token, region: 'eu-west-1', issuer })).toThrow(
      expect.objectContaining({ field: 'signinToken' }),
    );
  });

  it.each(['keyport', '/signin', 'javascript:alert(1)', 'ftp://keyport.example.com', 'https://user:pw@keyport.example.com'])(
    'rejects the issuer %j',
    (badIssuer) => {
      expect(() =>
        buildConsoleLoginUrl({ partition: 'aws', signinToken, region: 'eu-west-1', issuer: badIssuer }),
      ).toThrow(expect.objectContaining({ field: 'issuer' }));
    },
  );

  it('uses the federation endpoint override and keeps the real console Destination', () => {
    const url = new URL(
      buildConsoleLoginUrl({
        partition: 'aws',
        signinToken,
        region: 'eu-central-1',
        issuer: 'http://localhost:3000/',
        federationEndpoint: 'http://127.0.0.1:4599/federation',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:4599/federation');
    expect(url.searchParams.get('Action')).toBe('login');
    expect(url.searchParams.get('Destination')).toBe(
      'https://eu-central-1.console.aws.amazon.com/console/home?region=eu-central-1',
    );
  });
});
