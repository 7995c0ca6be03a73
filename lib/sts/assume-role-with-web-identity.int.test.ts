// Retry behaviour against a local STS stand-in that answers with AWS's own error XML.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { assumeRoleWithWebIdentity } from './assume-role-with-web-identity';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const errorXml = (code: string) =>
  `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${code} happened</Message></Error><RequestId>req-${code}</RequestId></ErrorResponse>`;
const okXml = `<AssumeRoleWithWebIdentityResponse xmlns="${NS}"><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>ASIAABCDEFGHIJKLMNOP</AccessKeyId><SecretAccessKey>secretsecretsecretsecretsecretsecretsecr</SecretAccessKey><SessionToken>tokentoken</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/Dev/alice</Arn><AssumedRoleId>AROAEXAMPLE:alice</AssumedRoleId></AssumedRoleUser></AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>req-ok</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>`;

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function fakeSts(answers: Array<{ status: number; body: string }>): Promise<{ url: string; hits: () => number }> {
  let n = 0;
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const a = answers[Math.min(n, answers.length - 1)] ?? { status: 500, body: '' };
      n++;
      const id = /<RequestId>([^<]+)<\/RequestId>/.exec(a.body)?.[1] ?? 'none';
      res.writeHead(a.status, { 'content-type': 'text/xml', 'x-amzn-RequestId': id });
      res.end(a.body);
    });
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => n };
}

const call = (endpoint: string) =>
  assumeRoleWithWebIdentity({ endpoint, region: 'us-east-1', roleArn: 'arn:aws:iam::111122223333:role/Dev', roleSessionName: 'alice', webIdentityToken: 'x.y.z', durationSeconds: 900, backoffMs: 1 });

describe('assumeRoleWithWebIdentity retries', () => {
  it('retries Throttling with backoff and succeeds', async () => {
    const sts = await fakeSts([{ status: 400, body: errorXml('Throttling') }, { status: 400, body: errorXml('Throttling') }, { status: 200, body: okXml }]);
    const r = await call(sts.url);
    expect(r.ok).toBe(true);
    expect(r.attempts).toBe(3);
    expect(sts.hits()).toBe(3);
  });

  it('gives up after three attempts and reports the code and request id', async () => {
    const sts = await fakeSts([{ status: 400, body: errorXml('IDPCommunicationError') }]);
    const r = await call(sts.url);
    expect(r).toMatchObject({ ok: false, code: 'IDPCommunicationError', definite: true, stsRequestId: 'req-IDPCommunicationError', attempts: 3 });
    expect(sts.hits()).toBe(3);
  });

  it('does not retry AccessDenied', async () => {
    const sts = await fakeSts([{ status: 403, body: errorXml('AccessDenied') }]);
    const r = await call(sts.url);
    expect(r).toMatchObject({ ok: false, code: 'AccessDenied', definite: true, attempts: 1 });
    expect(sts.hits()).toBe(1);
  });

  it('treats an unreachable endpoint as a network error, retried then reported', async () => {
    const r = await call('http://127.0.0.1:1');
    expect(r).toMatchObject({ ok: false, code: 'NetworkError', definite: true, attempts: 3 });
  });

  it('retries an InternalFailure AWS answered (an error answer carries no credentials)', async () => {
    const sts = await fakeSts([{ status: 500, body: errorXml('InternalFailure') }, { status: 200, body: okXml }]);
    const r = await call(sts.url);
    expect(r).toMatchObject({ ok: true, attempts: 2 });
    expect(sts.hits()).toBe(2);
  });

  it('does not retry a bare 504 from a gateway (AWS may have acted): definite: false', async () => {
    const sts = await fakeSts([{ status: 504, body: '<html>Gateway Timeout</html>' }, { status: 200, body: okXml }]);
    const r = await call(sts.url);
    expect(r).toMatchObject({ ok: false, code: '504', definite: false, attempts: 1 });
    expect(sts.hits()).toBe(1);
  });

  it('does not retry a 200 that does not parse (AWS succeeded): IncompleteResponse, definite: false', async () => {
    const sts = await fakeSts([{ status: 200, body: '<AssumeRoleWithWebIdentityResponse><oops' }, { status: 200, body: okXml }]);
    const r = await call(sts.url);
    expect(r).toMatchObject({ ok: false, code: 'IncompleteResponse', definite: false, attempts: 1 });
    expect(sts.hits()).toBe(1);
  });

  it('does not retry a 200 without credentials: IncompleteResponse, definite: false', async () => {
    const empty = `<AssumeRoleWithWebIdentityResponse xmlns="${NS}"><AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>req-empty</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>`;
    const sts = await fakeSts([{ status: 200, body: empty }, { status: 200, body: okXml }]);
    const r = await call(sts.url);
    expect(r).toMatchObject({ ok: false, code: 'IncompleteResponse', definite: false, attempts: 1, stsRequestId: 'req-empty' });
    expect(sts.hits()).toBe(1);
  });
});
