import { describe, expect, it } from 'vitest';
import { CredentialInputError } from './credential-input-error';
import { resolveFederationEndpoint } from './resolve-federation-endpoint';

describe('resolveFederationEndpoint', () => {
  it('returns the partition endpoint by default', () => {
    expect(resolveFederationEndpoint({ partition: 'aws' }).href).toBe('https://signin.aws.amazon.com/federation');
    expect(resolveFederationEndpoint({ partition: 'aws-cn' }).href).toBe('https://signin.amazonaws.cn/federation');
    expect(resolveFederationEndpoint({ partition: 'aws-us-gov' }).href).toBe(
      'https://signin.amazonaws-us-gov.com/federation',
    );
  });

  it.each([
    ['http://127.0.0.1:4599/federation', 'http://127.0.0.1:4599/federation'],
    ['http://127.0.0.1:4599', 'http://127.0.0.1:4599/federation'],
    ['http://localhost:4599/', 'http://localhost:4599/federation'],
    ['http://[::1]:4599/fed', 'http://[::1]:4599/fed'],
    ['http://aws.localhost:4599/federation', 'http://aws.localhost:4599/federation'],
    ['https://signin.sandbox.example.com/federation', 'https://signin.sandbox.example.com/federation'],
  ])('accepts the override %s', (override, expected) => {
    expect(resolveFederationEndpoint({ partition: 'aws', federationEndpoint: override }).href).toBe(expected);
  });

  it.each([
    ['not a url', /absolute URL/],
    ['http://10.0.0.5/federation', /https/],
    ['http://localhost.evil.com/federation', /https/],
    ['ftp://127.0.0.1/federation', /https/],
    ['javascript:alert(1)', /https/],
    ['https://user:pw@signin.example.com/federation', /user info/],
    ['https://signin.example.com/federation?Action=x', /query/],
    ['https://signin.example.com/federation#x', /fragment/],
  ])('rejects the override %s', (override, message) => {
    const attempt = () => resolveFederationEndpoint({ partition: 'aws', federationEndpoint: override });
    expect(attempt).toThrow(CredentialInputError);
    expect(attempt).toThrow(message);
  });

  it('returns a fresh URL each time so callers can set its query', () => {
    const a = resolveFederationEndpoint({ partition: 'aws' });
    a.search = '?x=1';
    expect(resolveFederationEndpoint({ partition: 'aws' }).search).toBe('');
  });
});
