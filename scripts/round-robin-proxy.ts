// The load balancer of `npm start -- --instances N` (sandbox and demonstration only): takes the
// public port and hands each HTTP request to the next instance in turn, as a real balancer would.
// Nothing is sticky, so it shows that no request depends on which instance served the last one.
import http from 'node:http';
import type { Socket } from 'node:net';

export async function startRoundRobinProxy(opts: { port: number; targets: readonly number[] }): Promise<{ close(): Promise<void> }> {
  let next = 0;
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const port = opts.targets[next++ % opts.targets.length];
    const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`instance on port ${port} did not answer\n`);
    });
    req.pipe(upstream);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
