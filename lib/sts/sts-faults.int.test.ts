// Fault injection between Keyport and the sandbox AWS (test/fault-proxy.ts): a call that may have
// reached AWS is never retried and comes back `definite: false` within the deadline; a call that
// provably never left, or that AWS answered with throttling, is retried and comes back definite.
// The sandbox's issued sessions say how many keys AWS really minted.
import { randomUUID } from 'node:crypto';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { refusingEndpoint, startFaultProxy, type Fault, type FaultProxy } from '@/test/fault-proxy';
import { startSandboxStack, type SandboxStack } from '@/test/sandbox-stack';
import { assumeRoleWithWebIdentity } from './assume-role-with-web-identity';
import { classifyStsFault } from './classify-sts-fault';

const ROLE = 'arn:aws:iam::111122223333:role/DevReadOnly';
let stack: SandboxStack;
const proxies: FaultProxy[] = [];

beforeAll(async () => {
  stack = await startSandboxStack();
});
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});
afterAll(async () => {
  await stack?.close();
});

async function proxy(fault: Fault, throttleTimes?: number): Promise<FaultProxy> {
  const p = await startFaultProxy({ target: stack.aws.url, fault, throttleTimes });
  proxies.push(p);
  return p;
}

/** One call with a short deadline; the session name is unique so the sandbox's keys can be counted. */
async function call(endpoint: string, over: { timeoutMs?: number; connectTimeoutMs?: number; maxAttempts?: number; backoffMs?: number } = {}) {
  const sessionName = `fault-${randomUUID().slice(0, 8)}`;
  const started = Date.now();
  const result = await assumeRoleWithWebIdentity({
    endpoint,
    region: 'us-east-1',
    roleArn: ROLE,
    roleSessionName: sessionName,
    webIdentityToken: await stack.tokenFor('alice'),
    durationSeconds: 900,
    timeoutMs: 1_500,
    connectTimeoutMs: 500,
    backoffMs: 1,
    ...over,
  });
  const minted = () => stack.aws.issuedSessions().filter((s) => s.sessionName === sessionName).length;
  return { result, elapsedMs: Date.now() - started, minted };
}

describe('STS faults that may have reached AWS: answered within the deadline, never retried', () => {
  it('a stalled STS: StsTimeout, definite: false, one attempt', async () => {
    const p = await proxy('stall');
    const { result, elapsedMs, minted } = await call(p.url);
    expect(result).toMatchObject({ ok: false, code: 'StsTimeout', definite: false, attempts: 1 });
    expect(p.received()).toBe(1);
    expect(p.forwarded()).toBe(0);
    expect(minted()).toBe(0);
    // The deadline (1.5 s) was what ended it, not a hang (generous bound; no tight timing).
    expect(elapsedMs).toBeGreaterThanOrEqual(1_000);
    expect(elapsedMs).toBeLessThan(10_000);
  });

  it('AWS acted but its answer never came: StsTimeout, definite: false, exactly one key minted', async () => {
    const p = await proxy('stall-after-forward');
    const { result, elapsedMs, minted } = await call(p.url);
    expect(result).toMatchObject({ ok: false, code: 'StsTimeout', definite: false, attempts: 1 });
    expect(p.received()).toBe(1);
    expect(minted()).toBe(1);
    expect(elapsedMs).toBeLessThan(10_000);
  });

  it('a reset after AWS answered: ConnectionLost, definite: false, one attempt, exactly one key minted', async () => {
    const p = await proxy('reset-after-forward');
    const { result, minted } = await call(p.url, { maxAttempts: 3 });
    expect(result).toMatchObject({ ok: false, code: 'ConnectionLost', definite: false, attempts: 1 });
    expect(p.received()).toBe(1);
    expect(p.forwarded()).toBe(1);
    expect(minted()).toBe(1);
  });
  it('a reset after sending is not retried even when AWS in fact saw nothing (the client cannot tell)', async () => {
    const p = await proxy('reset');
    const { result, minted } = await call(p.url, { maxAttempts: 3 });
    expect(result).toMatchObject({ ok: false, code: 'ConnectionLost', definite: false, attempts: 1 });
    expect(p.received()).toBe(1);
    expect(p.forwarded()).toBe(0);
    expect(minted()).toBe(0);
  });
});

describe('STS faults that provably issued nothing: retried, definite: true', () => {
  it('a refused connection is retried maxAttempts times and reported as NetworkError', async () => {
    const { result, minted } = await call(await refusingEndpoint(), { maxAttempts: 3 });
    expect(result).toMatchObject({ ok: false, code: 'NetworkError', definite: true, attempts: 3 });
    expect(minted()).toBe(0);
    const two = await call(await refusingEndpoint(), { maxAttempts: 2 });
    expect(two.result).toMatchObject({ ok: false, code: 'NetworkError', definite: true, attempts: 2 });
  });

  it('throttling answered by AWS is retried, and the retry that succeeds mints exactly one key', async () => {
    const p = await proxy('throttle', 2);
    const { result, minted } = await call(p.url, { maxAttempts: 3 });
    expect(result).toMatchObject({ ok: true, attempts: 3 });
    expect(p.received()).toBe(3);
    expect(p.forwarded()).toBe(1);
    expect(minted()).toBe(1);
  });

  it('throttling on every attempt ends as a definite Throttling failure with the request id', async () => {
    const p = await proxy('throttle');
    const { result, minted } = await call(p.url, { maxAttempts: 3 });
    expect(result).toMatchObject({ ok: false, code: 'Throttling', definite: true, attempts: 3, stsRequestId: 'fault-proxy-throttle-3' });
    expect(p.received()).toBe(3);
    expect(minted()).toBe(0);
  });

  it('no retry is started that the deadline would cut short: the last definite answer is returned', async () => {
    const p = await proxy('throttle');
    // The first backoff (≥ 3 s) leaves no time for another connect phase within 3 s.
    const { result } = await call(p.url, { maxAttempts: 3, timeoutMs: 3_000, connectTimeoutMs: 500, backoffMs: 3_000 });
    expect(result).toMatchObject({ ok: false, code: 'Throttling', definite: true, attempts: 1 });
    expect(p.received()).toBe(1);
  });

  it('a pass-through proxy changes nothing (the harness itself is sound)', async () => {
    const p = await proxy('pass');
    const { result, minted } = await call(p.url);
    expect(result).toMatchObject({ ok: true, attempts: 1 });
    expect(minted()).toBe(1);
  });
});

describe("smithy's connect timeout", () => {
  // Pins the dependency of classify-sts-fault.ts on @smithy/node-http-handler's connect-timeout
  // error: a DNS lookup that never answers keeps the socket connecting until connectionTimeout.
  it('is thrown while the socket is still connecting and classified as never sent', async () => {
    const client = new STSClient({
      region: 'us-east-1',
      endpoint: 'http://sts.never-resolves.test',
      maxAttempts: 1,
      credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
      requestHandler: new NodeHttpHandler({ connectionTimeout: 300, requestTimeout: 5_000, throwOnRequestTimeout: true, httpAgent: { lookup: () => undefined } }),
    });
    const err = await client
      .send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'x', WebIdentityToken: 'x.y.z' }))
      .then(
        () => new Error('expected a failure'),
        (e: unknown) => e,
      );
    expect(classifyStsFault(err)).toMatchObject({ code: 'NetworkError', definite: true });
    client.destroy();
  });
});
