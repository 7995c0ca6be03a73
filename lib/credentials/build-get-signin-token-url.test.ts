import { describe, expect, it } from 'vitest';
import { buildGetSigninTokenUrl } from './build-get-signin-token-url';
import { CredentialInputError } from './credential-input-error';
import { fixtureCredentials } from './credentials.fixture';

const credentials = {
  accessKeyId: 'ASIAABCDEFGHIJKLMNOP',
  secretAccessKey: 'abcdefghij/klmnopqrstuvwxyz+ABCDEFGHIJKL',
  sessionToken: 'FwoGZXIvYXdzEBYaDH/token+with=padding==',
};

describe('buildGetSigninTokenUrl', () => {
  it('builds the aws federation request with Action, SessionDuration and the URL-encoded Session JSON', () => {
    const url = buildGetSigninTokenUrl({ partition: 'aws', credentials, sessionDurationSeconds: 3600 });
    expect(url).toBe(
      'https://signin.aws.amazon.com/federation?Action=getSigninToken&SessionDuration=3600&Session=' +
        '%7B%22sessionId%22%3A%22ASIAABCDEFGHIJKLMNOP%22%2C' +
        '%22sessionKey%22%3A%22abcdefghij%2Fklmnopqrstuvwxyz%2BABCDEFGHIJKL%22%2C' +
        '%22sessionToken%22%3A%22FwoGZXIvYXdzEBYaDH%2Ftoken%2Bwith%3Dpadding%3D%3D%22%7D',
    );
  });

  it('round-trips: the Session parameter decodes to exactly the three credentials', () => {
    const url = new URL(
      buildGetSigninTokenUrl({ partition: 'aws', credentials: fixtureCredentials, sessionDurationSeconds: 43_200 }),
    );
    expect([...url.searchParams.keys()]).toEqual(['Action', 'SessionDuration', 'Session']);
    expect(url.searchParams.get('Action')).toBe('getSigninToken');
    expect(url.searchParams.get('SessionDuration')).toBe('43200');
    const session = url.searchParams.get('Session') ?? '';
    expect(session).toBe(
      `{"sessionId":"${fixtureCredentials.accessKeyId}","sessionKey":"${fixtureCredentials.secretAccessKey}",` +
        `"sessionToken":"${fixtureCredentials.sessionToken}"}`,
    );
    // `+` in the secret must be percent-encoded, or the endpoint would read it as a space.
    expect(url.search).not.toContain('+');
  });

  it.each([
    ['aws', 'https://signin.aws.amazon.com/federation?'],
    ['aws-cn', 'https://signin.amazonaws.cn/federation?'],
    ['aws-us-gov', 'https://signin.amazonaws-us-gov.com/federation?'],
  ] as const)('uses the %s partition endpoint', (partition, prefix) => {
    expect(buildGetSigninTokenUrl({ partition, credentials, sessionDurationSeconds: 900 }).startsWith(prefix)).toBe(
      true,
    );
  });

  it('omits SessionDuration when not given', () => {
    const url = new URL(buildGetSigninTokenUrl({ partition: 'aws', credentials }));
    expect([...url.searchParams.keys()]).toEqual(['Action', 'Session']);
  });

  it.each([899, 43_201, 0, -900, 3600.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects SessionDuration %s (must be a whole 900…43200)',
    (sessionDurationSeconds) => {
      const attempt = () => buildGetSigninTokenUrl({ partition: 'aws', credentials, sessionDurationSeconds });
      expect(attempt).toThrow(CredentialInputError);
      expect(attempt).toThrow(expect.objectContaining({ field: 'sessionDurationSeconds' }));
    },
  );

  it('accepts the bounds 900 and 43200', () => {
    expect(buildGetSigninTokenUrl({ partition: 'aws', credentials, sessionDurationSeconds: 900 })).toContain(
      'SessionDuration=900&',
    );
    expect(buildGetSigninTokenUrl({ partition: 'aws', credentials, sessionDurationSeconds: 43_200 })).toContain(
      'SessionDuration=43200&',
    );
  });

  it('replaces the endpoint with a loopback override for the sandbox', () => {
    expect(
      buildGetSigninTokenUrl({
        partition: 'aws',
        credentials,
        sessionDurationSeconds: 900,
        federationEndpoint: 'http://127.0.0.1:4599/federation',
      }).startsWith('http://127.0.0.1:4599/federation?Action=getSigninToken&SessionDuration=900&Session='),
    ).toBe(true);
    expect(
      buildGetSigninTokenUrl({ partition: 'aws', credentials, federationEndpoint: 'http://localhost:4599' }).startsWith(
        'http://localhost:4599/federation?Action=getSigninToken&Session=',
      ),
    ).toBe(true);
  });

  it('refuses to send secrets over plain http to a non-loopback host', () => {
    expect(() =>
      buildGetSigninTokenUrl({ partition: 'aws', credentials, federationEndpoint: 'http://sandbox.internal/federation' }),
    ).toThrow(/https/);
  });

  it('refuses credentials with characters STS never issues', () => {
    expect(() =>
      buildGetSigninTokenUrl({ partition: 'aws', credentials: { ...credentials, sessionToken: 'a","x":"' } }),
    ).toThrow(expect.objectContaining({ field: 'credentials.sessionToken' }));
  });

  it('rejects an unknown partition', () => {
    expect(() => buildGetSigninTokenUrl({ partition: 'aws-iso' as never, credentials })).toThrow(CredentialInputError);
  });
});
