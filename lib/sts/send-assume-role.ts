import 'server-only';
// Sends one STS AssumeRoleWith* call (unsigned) at a mapping's endpoint. Transient failures
// (throttling, the IdP unreachable from AWS, network) are retried with bounded backoff;
// everything else is returned as an StsFailure with AWS's error code and request id for the audit.
import { STSClient, type AssumeRoleWithSAMLCommand, type AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { TemporaryCredentials } from '@/lib/credentials/types';
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
  code: string;
  stsRequestId: string | null;
  attempts: number;
  /**
   * True when AWS definitely issued nothing (it answered with an error, or the request never left);
   * false when the request may have reached AWS and its answer was lost: AWS may have minted a key.
   */
  definite: boolean;
  /** Server-log only: AWS's own message. */
  awsMessage: string;
}

const clients = new Map<string, STSClient>();

export function clientFor(endpoint: string, region: string): STSClient {
  const key = `${endpoint}|${region}`;
  let c = clients.get(key);
  if (!c) {
    c = new STSClient({
      region,
      endpoint,
      maxAttempts: 1,
      // The call is unsigned; no credential chain is consulted.
      credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
      requestHandler: new NodeHttpHandler({ connectionTimeout: 3_000, requestTimeout: 10_000 }),
    });
    clients.set(key, c);
  }
  return c;
}

export function errorCode(e: unknown): { code: string; requestId: string | null; message: string } {
  const err = e as { name?: string; Code?: string; code?: string; message?: string; RequestId?: string; $metadata?: { requestId?: string; httpStatusCode?: number } };
  let code = err.Code ?? err.name ?? 'Unknown';
  if (['TimeoutError', 'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT'].includes(err.code ?? '') || code === 'TimeoutError') code = 'NetworkError';
  if (code === 'Error' && err.$metadata?.httpStatusCode && err.$metadata.httpStatusCode >= 500) code = String(err.$metadata.httpStatusCode);
  return { code, requestId: err.$metadata?.requestId ?? err.RequestId ?? null, message: err.message ?? '' };
}

export async function sendAssumeRole(opts: {
  endpoint: string;
  region: string;
  roleArn: string;
  durationSeconds: number;
  command: AssumeRoleWithWebIdentityCommand | AssumeRoleWithSAMLCommand;
  maxAttempts?: number;
  backoffMs?: number;
}): Promise<StsSuccess | StsFailure> {
  const maxAttempts = opts.maxAttempts ?? 3;
  const client = clientFor(opts.endpoint, opts.region);
  let last: StsFailure | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      // Both commands answer the same Credentials / AssumedRoleUser shape.
      const out = await client.send(opts.command as AssumeRoleWithWebIdentityCommand);
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration || !out.AssumedRoleUser?.Arn) {
        return { ok: false, code: 'IncompleteResponse', stsRequestId: out.$metadata.requestId ?? null, attempts: attempt, definite: false, awsMessage: 'STS answered without credentials' };
      }
      return {
        ok: true,
        credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration },
        assumedRoleArn: out.AssumedRoleUser.Arn,
        stsRequestId: out.$metadata.requestId ?? null,
        attempts: attempt,
      };
    } catch (e) {
      const { code, requestId, message } = errorCode(e);
      last = { ok: false, code, stsRequestId: requestId, attempts: attempt, definite: code !== 'NetworkError', awsMessage: message };
      // Only transient faults are retried (a SAML assertion can be presented again while valid).
      const retryable = explainStsError(code, { roleArn: opts.roleArn, region: opts.region, maxDurationSeconds: opts.durationSeconds }).retryable;
      if (!retryable || attempt === maxAttempts) break;
      const base = (opts.backoffMs ?? 200) * 2 ** (attempt - 1);
      await new Promise((r) => setTimeout(r, base + Math.floor(Math.random() * base)));
    }
  }
  return last ?? { ok: false, code: 'Unknown', stsRequestId: null, attempts: 0, definite: true, awsMessage: '' };
}
