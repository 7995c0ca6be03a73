import { describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  checkRequestTime,
  parseAmzDate,
  parseSigV4,
  sha256Hex,
  signingKey,
  signRequest,
  signString,
  stringToSign,
  toAmzDate,
  uriEncode,
  verifySignature,
  type HttpRequestParts,
} from './sigv4';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

function parts(method: string, url: string, headers: Record<string, string>, body = ''): HttpRequestParts {
  const u = new URL(url);
  return {
    method,
    path: u.pathname,
    query: u.search.replace(/^\?/, ''),
    headers: Object.entries(headers),
    body: Buffer.from(body),
  };
}

describe('SigV4 against AWS documented examples', () => {
  it('reproduces the IAM ListUsers example of the SigV4 documentation', () => {
    const req = parts('GET', 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08', {
      'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
      Host: 'iam.amazonaws.com',
      'X-Amz-Date': '20150830T123600Z',
    });
    const canonical = canonicalRequest(req, ['content-type', 'host', 'x-amz-date'], sha256Hex(''));
    expect(canonical).toBe(
      [
        'GET',
        '/',
        'Action=ListUsers&Version=2010-05-08',
        'content-type:application/x-www-form-urlencoded; charset=utf-8',
        'host:iam.amazonaws.com',
        'x-amz-date:20150830T123600Z',
        '',
        'content-type;host;x-amz-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(sha256Hex(canonical)).toBe('f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59');
    expect(signingKey(SECRET, '20150830', 'us-east-1', 'iam').toString('hex')).toBe('c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9');
    const sts = stringToSign('20150830T123600Z', '20150830/us-east-1/iam/aws4_request', canonical);
    expect(signString(SECRET, '20150830', 'us-east-1', 'iam', sts)).toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
  });

  it('verifies the get-vanilla request of the SigV4 test suite', () => {
    const req = parts('GET', 'https://example.amazonaws.com/', {
      Host: 'example.amazonaws.com',
      'X-Amz-Date': '20150830T123600Z',
      Authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    });
    const auth = parseSigV4(req);
    expect(auth).toMatchObject({ source: 'header', accessKeyId: 'AKIDEXAMPLE', scopeDate: '20150830', region: 'us-east-1', service: 'service' });
    expect(auth && verifySignature(req, auth, SECRET)).toBe(true);
    expect(auth && verifySignature(req, auth, `${SECRET}x`)).toBe(false);
  });
});

describe('canonicalisation', () => {
  it('encodes like RFC 3986 with upper-case hex', () => {
    expect(uriEncode("a b+c/d~e_f.g-h!*'()")).toBe('a%20b%2Bc%2Fd~e_f.g-h%21%2A%27%28%29');
    expect(uriEncode('é')).toBe('%C3%A9');
    expect(uriEncode('/a b/', true)).toBe('/a%20b/');
  });

  it('normalises the path and encodes it again (non-S3 services)', () => {
    expect(canonicalUri('/')).toBe('/');
    expect(canonicalUri('')).toBe('/');
    expect(canonicalUri('/eu-west-1/')).toBe('/eu-west-1/');
    expect(canonicalUri('/a/./b/../c//d')).toBe('/a/c/d');
    expect(canonicalUri('/a%20b')).toBe('/a%2520b');
  });

  it('sorts query parameters by encoded name then value, without the signature', () => {
    expect(canonicalQuery('b=2&a=2&a=1&c')).toBe('a=1&a=2&b=2&c=');
    expect(canonicalQuery('x=a%20b&y=a+b')).toBe('x=a%20b&y=a%2Bb');
    expect(canonicalQuery('X-Amz-Signature=abc&Action=X', new Set(['X-Amz-Signature']))).toBe('Action=X');
  });

  it('trims header values and folds repeated headers', () => {
    const req = parts('POST', 'http://h/', {});
    const withDup: HttpRequestParts = { ...req, headers: [['Host', 'h'], ['X-Multi', '  a   b '], ['x-multi', 'c']] };
    expect(canonicalRequest(withDup, ['host', 'x-multi'], 'p').split('\n').slice(3, 5)).toEqual(['host:h', 'x-multi:a b,c']);
  });
});

describe('parsing and checking', () => {
  it('returns undefined for anonymous requests and IncompleteSignature for malformed ones', () => {
    expect(parseSigV4(parts('POST', 'http://h/', { Host: 'h' }))).toBeUndefined();
    expect(() => parseSigV4(parts('POST', 'http://h/', { Host: 'h', Authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/sts/aws4_request' }))).toThrow(
      /requires 'Signature' parameter/,
    );
    expect(() => parseSigV4(parts('POST', 'http://h/', { Authorization: 'AWS3 foo' }))).toThrow(/Unsupported AWS 'algorithm'/);
    try {
      parseSigV4(parts('POST', 'http://h/', { Authorization: 'AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host, Signature=x', 'X-Amz-Date': '20150830T123600Z' }));
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'IncompleteSignature', status: 400 });
    }
  });

  it('reads presigned query-string authentication', () => {
    const auth = parseSigV4(
      parts(
        'GET',
        'http://h/?Action=GetCallerIdentity&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAX%2F20240101%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20240101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=ab&X-Amz-Security-Token=tok',
        { Host: 'h' },
      ),
    );
    expect(auth).toMatchObject({ source: 'query', accessKeyId: 'ASIAX', service: 'sts', expiresSeconds: 60, securityToken: 'tok', signedHeaders: ['host'] });
  });

  it('accepts 15 minutes of skew either way, not more', () => {
    const now = new Date('2024-05-01T12:00:00Z');
    const at = (ms: number) => ({
      source: 'header' as const,
      accessKeyId: 'A',
      scopeDate: toAmzDate(new Date(now.getTime() + ms)).slice(0, 8),
      region: 'us-east-1',
      service: 'sts',
      signedHeaders: ['host'],
      signature: '',
      amzDate: toAmzDate(new Date(now.getTime() + ms)),
    });
    expect(checkRequestTime(at(-14 * 60_000), now)).toBeUndefined();
    expect(checkRequestTime(at(14 * 60_000), now)).toBeUndefined();
    expect(checkRequestTime(at(-16 * 60_000), now)?.message).toBe(
      'Signature expired: 20240501T114400Z is now earlier than 20240501T114500Z (20240501T120000Z - 15 min.)',
    );
    expect(checkRequestTime(at(16 * 60_000), now)?.message).toMatch(/^Signature not yet current: 20240501T121600Z is still later than/);
    expect(checkRequestTime({ ...at(0), scopeDate: '20240430' }, now)?.code).toBe('SignatureDoesNotMatch');
  });

  it('parses ISO-8601 basic dates', () => {
    expect(parseAmzDate('20150830T123600Z')?.toISOString()).toBe('2015-08-30T12:36:00.000Z');
    expect(parseAmzDate('2015-08-30T12:36:00Z')).toBeUndefined();
  });
});

describe('signRequest / verifySignature round trip', () => {
  const base = {
    method: 'POST',
    url: new URL('http://127.0.0.1:4566/eu-west-1/'),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
    accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
    secretAccessKey: SECRET,
    sessionToken: 'token',
    region: 'eu-west-1',
    service: 'sts',
    date: new Date('2024-05-01T12:00:00Z'),
  };
  const toParts = (headers: Record<string, string>, body = base.body): HttpRequestParts => ({
    method: 'POST',
    path: '/eu-west-1/',
    query: '',
    headers: Object.entries(headers),
    body: Buffer.from(body),
  });

  it('verifies what it signs, and nothing else', () => {
    const headers = signRequest(base);
    const auth = parseSigV4(toParts(headers));
    expect(auth?.securityToken).toBe('token');
    expect(auth?.signedHeaders).toEqual(['content-type', 'host', 'x-amz-date', 'x-amz-security-token']);
    expect(auth && verifySignature(toParts(headers), auth, SECRET)).toBe(true);
    expect(auth && verifySignature(toParts(headers, `${base.body}&x=1`), auth, SECRET)).toBe(false);
    expect(auth && verifySignature(toParts({ ...headers, 'x-amz-security-token': 'other' }), auth, SECRET)).toBe(false);
    expect(auth && verifySignature(toParts(headers), auth, 'wrong')).toBe(false);
  });
});
