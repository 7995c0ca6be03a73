// Pure: what an error thrown by an STS AssumeRoleWith* call says about whether AWS may have
// issued credentials. AssumeRoleWith* is not idempotent: every call that reaches AWS and succeeds
// mints a new key pair, so a call whose answer was lost may have minted a key nobody recorded.
//
// `definite: true` is claimed only when it is proven:
//   - AWS answered with an error: an HTTP error status carrying an AWS error code (Query protocol
//     <ErrorResponse><Error><Code>, which the SDK exposes as `Code`). An error answer carries no
//     credentials. (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html)
//   - The request never left this process: the TCP connection was never made. Node reports
//     ECONNREFUSED / ENETUNREACH / EHOSTUNREACH / ETIMEDOUT with `syscall: 'connect'`, and
//     ENOTFOUND / EAI_AGAIN / EAI_FAIL with `syscall: 'getaddrinfo'` — both before any byte can be
//     written (https://nodejs.org/docs/latest-v20.x/api/errors.html#common-system-errors); and
//     @smithy/node-http-handler's `connectionTimeout` fires only while the socket is still
//     connecting (it is cleared on the socket's 'connect' event: set-connection-timeout.ts).
// Everything else — a deadline after connecting, a reset, EPIPE or "socket hang up", a 200 that
// did not parse, a bare 5xx from a gateway without an AWS error code, an error never seen before
// — is `definite: false`: the request may have reached AWS and a key may exist.
// Note: a reset on a reused keep-alive socket (Node's `request.reusedSocket` race,
// https://nodejs.org/docs/latest-v20.x/api/http.html#requestreusedsocket) is also indefinite here:
// the server may have read the request before closing, so it is not safe to retry for this API.

export type StsFaultCode = 'NetworkError' | 'StsTimeout' | 'ConnectionLost' | 'IncompleteResponse' | (string & {});

export interface StsFault {
  /** AWS's error code, or NetworkError (never sent), StsTimeout, ConnectionLost, IncompleteResponse, an HTTP status, Unknown. */
  code: StsFaultCode;
  /** True: AWS issued no credentials for this attempt. False: it may have. */
  definite: boolean;
  stsRequestId: string | null;
  /** Server-log only. */
  awsMessage: string;
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  syscall?: unknown;
  message?: unknown;
  Code?: unknown;
  RequestId?: unknown;
  $metadata?: { requestId?: unknown; httpStatusCode?: unknown };
}

/** Node system errors that only a connect() or a DNS lookup produce (no byte was written). */
const NEVER_CONNECTED: Record<string, ReadonlySet<string>> = {
  connect: new Set(['ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'EADDRNOTAVAIL']),
  getaddrinfo: new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']),
};
/** @smithy/node-http-handler 4.x set-connection-timeout.ts; pinned by an integration test (sts-faults.int.test.ts). */
const SMITHY_CONNECT_TIMEOUT = 'did not establish a connection with the server';
/** The socket went away under a request that had been (or was being) written. */
const CONNECTION_LOST_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function classifyStsFault(e: unknown): StsFault {
  const err: ErrorLike = typeof e === 'object' && e !== null ? (e as ErrorLike) : { message: String(e) };
  const name = str(err.name);
  const nodeCode = str(err.code);
  const syscall = str(err.syscall);
  const message = str(err.message) ?? '';
  const status = typeof err.$metadata?.httpStatusCode === 'number' ? err.$metadata.httpStatusCode : undefined;
  const stsRequestId = str(err.$metadata?.requestId) ?? str(err.RequestId) ?? null;
  const awsCode = str(err.Code);
  const fault = (code: string, definite: boolean): StsFault => ({ code, definite, stsRequestId, awsMessage: message });

  // AWS answered, with an error of its own: no credentials in it.
  if (status !== undefined && status >= 400 && awsCode) return fault(awsCode, true);

  if (status === undefined) {
    if (nodeCode && syscall && NEVER_CONNECTED[syscall]?.has(nodeCode)) return fault('NetworkError', true);
    if (name === 'TimeoutError' && nodeCode === undefined && message.includes(SMITHY_CONNECT_TIMEOUT)) return fault('NetworkError', true);
  }

  // From here on the request may have reached AWS.
  if (name === 'AbortError' || (name === 'TimeoutError' && (nodeCode === 'ETIMEDOUT' || nodeCode === undefined))) return fault('StsTimeout', false);
  if ((nodeCode && CONNECTION_LOST_CODES.has(nodeCode)) || /socket hang up/i.test(message)) return fault('ConnectionLost', false);
  // An answer arrived but not as AWS's: a 2xx that did not parse (AWS succeeded, so a key exists),
  // or an error status without an AWS error code (a proxy or load balancer in front of STS).
  if (status !== undefined && status < 400) return fault('IncompleteResponse', false);
  if (status !== undefined) return fault(String(status), false);
  return fault('Unknown', false);
}
