// The error shapes below are the ones @aws-sdk/client-sts 3.1173 + @smithy/node-http-handler
// 4.14.2 throw on Node 20 (recorded against loopback servers; sts-faults.int.test.ts produces
// the same faults for real).
import { describe, expect, it } from 'vitest';
import { classifyStsFault } from './classify-sts-fault';

const meta = (httpStatusCode?: number, requestId?: string) => ({ $metadata: { attempts: 1, totalRetryDelay: 0, ...(httpStatusCode ? { httpStatusCode } : {}), ...(requestId ? { requestId } : {}) } });
const sys = (code: string, syscall: string | undefined, message: string, name = 'Error') => Object.assign(new Error(message), { name, code, ...(syscall ? { syscall } : {}) }, meta());
const aws = (code: string, status: number, requestId = 'req-1') => Object.assign(new Error(`${code} happened`), { name: code, Code: code, $fault: status >= 500 ? 'server' : 'client' }, meta(status, requestId));

describe('classifyStsFault: definite (AWS issued nothing)', () => {
  it('an error AWS answered with its own code, with the request id', () => {
    expect(classifyStsFault(aws('Throttling', 400, 'req-t'))).toEqual({ code: 'Throttling', definite: true, stsRequestId: 'req-t', awsMessage: 'Throttling happened' });
    expect(classifyStsFault(aws('AccessDenied', 403))).toMatchObject({ code: 'AccessDenied', definite: true });
    expect(classifyStsFault(aws('InternalFailure', 500))).toMatchObject({ code: 'InternalFailure', definite: true });
  });

  it('a connection that was never made: refused, no route, DNS, OS connect timeout', () => {
    expect(classifyStsFault(sys('ECONNREFUSED', 'connect', 'connect ECONNREFUSED 127.0.0.1:1'))).toMatchObject({ code: 'NetworkError', definite: true });
    expect(classifyStsFault(sys('EHOSTUNREACH', 'connect', 'connect EHOSTUNREACH'))).toMatchObject({ code: 'NetworkError', definite: true });
    expect(classifyStsFault(sys('ENOTFOUND', 'getaddrinfo', 'getaddrinfo ENOTFOUND sts.invalid'))).toMatchObject({ code: 'NetworkError', definite: true });
    expect(classifyStsFault(sys('EAI_AGAIN', 'getaddrinfo', 'getaddrinfo EAI_AGAIN sts.example'))).toMatchObject({ code: 'NetworkError', definite: true });
    // smithy renames ETIMEDOUT errors to TimeoutError but keeps code and syscall.
    expect(classifyStsFault(sys('ETIMEDOUT', 'connect', 'connect ETIMEDOUT 10.0.0.1:443', 'TimeoutError'))).toMatchObject({ code: 'NetworkError', definite: true });
  });

  it("smithy's connectionTimeout (fires only while the socket is still connecting)", () => {
    const e = Object.assign(new Error('@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 3000 ms.'), { name: 'TimeoutError' }, meta());
    expect(classifyStsFault(e)).toMatchObject({ code: 'NetworkError', definite: true });
  });
});

describe('classifyStsFault: indefinite (a key may exist in AWS)', () => {
  it("smithy's requestTimeout with throwOnRequestTimeout (after connecting)", () => {
    const e = Object.assign(new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 1500 ms requestTimeout.'), { name: 'TimeoutError', code: 'ETIMEDOUT' }, meta());
    expect(classifyStsFault(e)).toMatchObject({ code: 'StsTimeout', definite: false });
  });

  it('the whole-call deadline (AbortSignal) and a socket inactivity timeout', () => {
    expect(classifyStsFault(Object.assign(new Error('Request aborted'), { name: 'AbortError' }))).toMatchObject({ code: 'StsTimeout', definite: false });
    const idle = Object.assign(new Error('@smithy/node-http-handler - the request socket timed out after 5000 ms of inactivity (configured by client requestHandler).'), { name: 'TimeoutError' }, meta());
    expect(classifyStsFault(idle)).toMatchObject({ code: 'StsTimeout', definite: false });
  });

  it('a reset, a broken pipe, a socket hang up (smithy names them TimeoutError)', () => {
    expect(classifyStsFault(sys('ECONNRESET', 'read', 'read ECONNRESET', 'TimeoutError'))).toMatchObject({ code: 'ConnectionLost', definite: false });
    expect(classifyStsFault(sys('ECONNRESET', undefined, 'socket hang up', 'TimeoutError'))).toMatchObject({ code: 'ConnectionLost', definite: false });
    expect(classifyStsFault(sys('EPIPE', 'write', 'write EPIPE', 'TimeoutError'))).toMatchObject({ code: 'ConnectionLost', definite: false });
  });

  it('a reset while reading a 200 answer', () => {
    const e = Object.assign(new Error('aborted\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'), { code: 'ECONNRESET' }, meta(200));
    expect(classifyStsFault(e)).toMatchObject({ code: 'ConnectionLost', definite: false });
  });

  it('a 200 answer that does not parse (AWS succeeded: a key exists)', () => {
    const e = Object.assign(new Error('@aws-sdk XML parse error: unexpected end of input.'), meta(200));
    expect(classifyStsFault(e)).toMatchObject({ code: 'IncompleteResponse', definite: false });
  });

  it('an error status without an AWS error code (a gateway in front of STS)', () => {
    const e = Object.assign(new Error('Unknown'), { name: 'Unknown', $fault: 'server' }, meta(504));
    expect(classifyStsFault(e)).toMatchObject({ code: '504', definite: false, stsRequestId: null });
    const blocked = Object.assign(new Error('Unknown'), { name: 'Unknown', $fault: 'client' }, meta(403));
    expect(classifyStsFault(blocked)).toMatchObject({ code: '403', definite: false });
  });

  it('a connect-phase code that did not come from connect() or getaddrinfo is not trusted', () => {
    expect(classifyStsFault(sys('ECONNREFUSED', undefined, 'ECONNREFUSED'))).toMatchObject({ definite: false });
    expect(classifyStsFault(sys('ECONNREFUSED', 'write', 'write ECONNREFUSED'))).toMatchObject({ definite: false });
    expect(classifyStsFault(sys('ENOTFOUND', 'connect', 'odd'))).toMatchObject({ definite: false });
    // ETIMEDOUT without syscall is smithy's requestTimeout, not a connect timeout.
    expect(classifyStsFault(sys('ETIMEDOUT', undefined, 'timed out', 'TimeoutError'))).toMatchObject({ code: 'StsTimeout', definite: false });
  });

  it('a never-connected code on an error that also carries an answer is not trusted', () => {
    const e = Object.assign(sys('ECONNREFUSED', 'connect', 'connect ECONNREFUSED'), meta(200));
    expect(classifyStsFault(e)).toMatchObject({ definite: false });
  });

  it('an AWS-looking code on a success status is not an AWS error answer', () => {
    const e = Object.assign(new Error('odd'), { Code: 'Throttling' }, meta(200));
    expect(classifyStsFault(e)).toMatchObject({ code: 'IncompleteResponse', definite: false });
  });

  it('anything never seen before, including non-errors', () => {
    expect(classifyStsFault(new Error('something new'))).toEqual({ code: 'Unknown', definite: false, stsRequestId: null, awsMessage: 'something new' });
    expect(classifyStsFault('a string')).toMatchObject({ code: 'Unknown', definite: false, awsMessage: 'a string' });
    expect(classifyStsFault(undefined)).toMatchObject({ code: 'Unknown', definite: false });
    expect(classifyStsFault(null)).toMatchObject({ code: 'Unknown', definite: false });
  });
});
