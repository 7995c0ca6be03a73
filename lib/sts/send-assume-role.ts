import 'server-only';
// Sends one STS AssumeRoleWith* call (unsigned) at a mapping's endpoint, within a deadline, and
// retries it only when that cannot mint a second key. AssumeRoleWith* is not idempotent (each
// success is a new key pair), so an attempt is retried only when it provably issued nothing:
// AWS answered with a transient error (throttling, the IdP unreachable from AWS, an internal
// failure), or the request never left (connection refused, DNS failure, connect timeout) — see
// classify-sts-fault.ts. A timeout, reset or unparsable answer after the request may have been
// written is returned at once as `definite: false`, for the caller to record the outcome as
// unknown. Everything else is returned as an StsFailure with AWS's error code and request id.
import { STSClient, type AssumeRoleCommand, type AssumeRoleWithSAMLCommand, type AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { TemporaryCredentials } from '@/lib/credentials/types';
import { classifyStsFault, type StsFaultCode } from './classify-sts-fault';
import { explainStsError } from './explain-sts-error';

export interface StsSuccess {
  ok: true;
  credentials: TemporaryCredentials;
  assumedRoleArn: string;
  stsRequestId: string | null;
  attempts: number;
}

export interface StsFailure {
  ok: false;
  /**
   * AWS's error code when AWS answered; otherwise `NetworkError` (never sent: refused, DNS,
   * connect timeout), `StsTimeout` (deadline after the request may have been sent),
   * `ConnectionLost` (reset / EPIPE / socket hang up after it may have been sent),
   * `IncompleteResponse` (AWS answered success without usable credentials), an HTTP status
   * (an error answer without an AWS error code, e.g. from a proxy), or `Unknown`.
   */
  code: StsFaultCode;
  /**
   * True: AWS issued no credentials (it answered with an error, or the request never left).
   * False: the request may have reached AWS and the answer was lost — a key may exist in AWS.
   */
  definite: boolean;
  stsRequestId: string | null;
  attempts: number;
  /** Server-log only: AWS's own message. */
  awsMessage: string;
}

export const STS_TIMEOUT_DEFAULTS = { timeoutMs: 15_000, connectTimeoutMs: 3_000 } as const;
/**
 * A retry is started only when its connect phase (bounded by connectTimeoutMs) ends this long
 * before the deadline, so the deadline never cuts a connection attempt short — which could not be
 * told apart from a request AWS received.
 */
const CONNECT_MARGIN_MS = 250;

const clients = new Map<string, STSClient>();

/** Temporary credentials a signed call (AssumeRole, role chaining) is made with. */
export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export function clientFor(endpoint: string, region: string, timeouts: { timeoutMs: number; connectTimeoutMs: number } = STS_TIMEOUT_DEFAULTS): STSClient {
  const key = `${endpoint}|${region}|${timeouts.connectTimeoutMs}|${timeouts.timeoutMs}`;
  let c = clients.get(key);
  if (!c) {
    c = makeClient(endpoint, region, timeouts, undefined);
    clients.set(key, c);
  }
  return c;
}

function makeClient(endpoint: string, region: string, timeouts: { timeoutMs: number; connectTimeoutMs: number }, credentials: SigningCredentials | undefined): STSClient {
  return new STSClient({
      region,
      endpoint,
      // Retries are decided here (sendAssumeRole), never by the SDK's own retry strategy, which
      // would retry timeouts and resets (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
      maxAttempts: 1,
      // AssumeRoleWith* calls are unsigned (no credential chain is consulted); AssumeRole is
      // signed with the session it chains from, never with the server's own credentials.
      credentials: credentials ?? { accessKeyId: 'unused', secretAccessKey: 'unused' },
      // connectionTimeout: socket connect (DNS included). requestTimeout only logs a warning
      // unless throwOnRequestTimeout is set (@smithy/node-http-handler NodeHttpHandlerOptions:
      // "If exceeded, a warning will be emitted unless throwOnRequestTimeout=true, in which case a
      // TimeoutError will be thrown"). It is a per-attempt backstop; the whole-call deadline is
      // the abortSignal passed to send().
      requestHandler: new NodeHttpHandler({ connectionTimeout: timeouts.connectTimeoutMs, requestTimeout: timeouts.timeoutMs, throwOnRequestTimeout: true }),
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function sendAssumeRole(opts: {
  endpoint: string;
  region: string;
  roleArn: string;
  durationSeconds: number;
  command: AssumeRoleWithWebIdentityCommand | AssumeRoleWithSAMLCommand | AssumeRoleCommand;
  /** Signs the call (AssumeRole): a client of its own, destroyed after the call. */
  credentials?: SigningCredentials;
  maxAttempts?: number;
  backoffMs?: number;
  /** Deadline for the whole call, retries and backoff included (STS_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Deadline for each attempt's TCP connection, DNS included (STS_CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
}): Promise<StsSuccess | StsFailure> {
  const timeouts = { timeoutMs: opts.timeoutMs ?? STS_TIMEOUT_DEFAULTS.timeoutMs, connectTimeoutMs: opts.connectTimeoutMs ?? STS_TIMEOUT_DEFAULTS.connectTimeoutMs };
  const client = opts.credentials ? makeClient(opts.endpoint, opts.region, timeouts, opts.credentials) : clientFor(opts.endpoint, opts.region, timeouts);
  try {
    return await sendWith(client, opts, timeouts);
  } finally {
    if (opts.credentials) client.destroy();
  }
}

async function sendWith(
  client: STSClient,
  opts: Parameters<typeof sendAssumeRole>[0],
  timeouts: { timeoutMs: number; connectTimeoutMs: number },
): Promise<StsSuccess | StsFailure> {
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 3);
  const deadline = Date.now() + timeouts.timeoutMs;
  // One signal for the whole call: the SDK hands it to the request handler, which destroys the
  // request on abort (https://aws.amazon.com/blogs/developer/abortcontroller-in-modular-aws-sdk-for-javascript/).
  const abortSignal = AbortSignal.timeout(timeouts.timeoutMs);
  const timeLeftFor = (waitMs: number) => deadline - Date.now() - waitMs >= timeouts.connectTimeoutMs + CONNECT_MARGIN_MS;
  let last: StsFailure | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      // Both commands answer the same Credentials / AssumedRoleUser shape.
      // All three commands answer the same Credentials / AssumedRoleUser shape.
      const out = await client.send(opts.command as AssumeRoleWithWebIdentityCommand, { abortSignal });
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration || !out.AssumedRoleUser?.Arn) {
        // AWS answered success: whatever it issued is not in our hands. Indefinite, not retried.
        return { ok: false, code: 'IncompleteResponse', definite: false, stsRequestId: out.$metadata.requestId ?? null, attempts: attempt, awsMessage: 'STS answered without credentials' };
      }
      return {
        ok: true,
        credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration },
        assumedRoleArn: out.AssumedRoleUser.Arn,
        stsRequestId: out.$metadata.requestId ?? null,
        attempts: attempt,
      };
    } catch (e) {
      const f = classifyStsFault(e);
      last = { ok: false, code: f.code, definite: f.definite, stsRequestId: f.stsRequestId, attempts: attempt, awsMessage: f.awsMessage };
      // Never retry after a send that may have reached AWS: a second key could be minted.
      if (!f.definite) break;
      const retryable = explainStsError(f.code, { roleArn: opts.roleArn, region: opts.region, maxDurationSeconds: opts.durationSeconds }).retryable;
      if (!retryable || attempt === maxAttempts) break;
      const base = (opts.backoffMs ?? 200) * 2 ** (attempt - 1);
      const wait = base + Math.floor(Math.random() * base);
      // Out of time for another whole connect phase: answer with this definite failure.
      if (!timeLeftFor(wait)) break;
      await sleep(wait);
    }
  }
  return last ?? { ok: false, code: 'Unknown', definite: false, stsRequestId: null, attempts: 0, awsMessage: '' };
}
