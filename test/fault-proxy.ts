// Fault injection for STS calls: a loopback proxy in front of the sandbox AWS (or any HTTP
// endpoint) that misbehaves in one chosen way, and a URL where nothing listens. Each proxy
// counts what it received and what it passed on, so a test can tell "the client retried" from
// "AWS saw the request" (for minted keys ask the sandbox: `stack.aws.issuedSessions()`).
//
//   const proxy = await startFaultProxy({ target: stack.aws.url, fault: 'reset-after-forward' });
//   await assumeRoleWithWebIdentity({ endpoint: proxy.url, … });   // → ConnectionLost, definite: false
//   proxy.received(); proxy.forwarded(); await proxy.close();
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from './free-port';

export type Fault =
  /** Accepts and reads the request, never forwards it, never answers (AWS paused). */
  | 'stall'
  /** Reads the request, then resets the connection without forwarding (AWS saw nothing, but the client cannot know). */
  | 'reset'
  /** Forwards the request, lets AWS answer, withholds the answer forever (AWS acted, the answer is lost). */
  | 'stall-after-forward'
  /** Forwards the request, waits for AWS's whole answer, then resets the client's connection (TCP RST). */
  | 'reset-after-forward'
  /** Answers STS `Throttling` (HTTP 400, AWS error XML) to the first `throttleTimes` requests, then forwards. */
  | 'throttle'
  /** Forwards everything unchanged. */
  | 'pass';

export interface FaultProxy {
  url: string;
  /** Requests the proxy received: one per client attempt. */
  received(): number;
  /** Requests passed on to the target: each one may have minted a key there. */
  forwarded(): number;
  close(): Promise<void>;
}

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface Upstream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const up = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host, connection: 'close' } },
      (res) => {
        readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
      },
    );
    up.on('error', reject);
    up.end(body);
  });
}

function throttlingAnswer(res: ServerResponse, n: number): void {
  const id = `fault-proxy-throttle-${n}`;
  res.writeHead(400, { 'content-type': 'text/xml', 'x-amzn-RequestId': id });
  res.end(`<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`);
}

export async function startFaultProxy(opts: { target: string; fault: Fault; throttleTimes?: number }): Promise<FaultProxy> {
  const target = new URL(opts.target);
  let received = 0;
  let forwarded = 0;

  const server = createServer((req, res) => {
    received++;
    const n = received;
    void (async () => {
      const body = await readBody(req);
      if (opts.fault === 'stall') return;
      if (opts.fault === 'reset') {
        req.socket.resetAndDestroy();
        return;
      }
      if (opts.fault === 'throttle' && n <= (opts.throttleTimes ?? Infinity)) return throttlingAnswer(res, n);
      forwarded++;
      const up = await forward(target, req, body);
      if (opts.fault === 'stall-after-forward') return;
      if (opts.fault === 'reset-after-forward') {
        // AWS has answered (and so minted the key) before the client loses the connection.
        req.socket.resetAndDestroy();
        return;
      }
      res.writeHead(up.status, up.headers);
      res.end(up.body);
    })().catch(() => req.socket.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => received,
    forwarded: () => forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Stalled requests would hold close() open forever.
        server.closeAllConnections();
      }),
  };
}

/** An http URL on loopback where nothing listens: connecting is refused (ECONNREFUSED). */
export async function refusingEndpoint(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}
