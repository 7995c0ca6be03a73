// Keyport's SAML broker signing key and certificate (PEM files), read once and kept in memory.
// The key never reaches the logs, the database or an error message.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';

const cache = new Map<string, Promise<{ privateKeyPem: string; certPem: string }>>();

export function readSamlBrokerKey(opts: { keyFile: string; certFile: string }): Promise<{ privateKeyPem: string; certPem: string }> {
  const id = `${opts.keyFile}\n${opts.certFile}`;
  let p = cache.get(id);
  if (p === undefined) {
    p = (async () => {
      const [privateKeyPem, certPem] = await Promise.all([readFile(opts.keyFile, 'utf8'), readFile(opts.certFile, 'utf8')]);
      // AWS verifies RSA-SHA256 assertion signatures against the metadata's certificate: the pair must match.
      if (!new X509Certificate(certPem).checkPrivateKey(createPrivateKey(privateKeyPem))) throw new Error('the SAML broker certificate does not belong to its key');
      return { privateKeyPem, certPem };
    })();
    cache.set(id, p);
    p.catch(() => cache.delete(id));
  }
  return p;
}
