import net from 'node:net';

/** Resolves when nothing listens on the port; rejects with a message that says what to change. */
export function assertPortFree(port: number, what: string, envName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', () =>
      reject(new Error(`port ${port} (${what}) is already in use. Stop whatever uses it, or set ${envName} to another port.`)),
    );
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
  });
}
