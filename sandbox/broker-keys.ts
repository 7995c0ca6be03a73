// The sandbox's own broker signing key: generated on first start and kept in the data folder
// (mode 0600, git-ignored), in the key-set format `npm run issuer:rotate` maintains.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rotateKeySet } from '../lib/broker/key-set';
import { generateBrokerKey } from '../lib/broker/parse-broker-keys';
import { selfSignedCertificate } from './saml/certificate';

export async function ensureSandboxBrokerKeys(file: string): Promise<{ created: boolean }> {
  if (existsSync(file)) return { created: false };
  mkdirSync(path.dirname(file), { recursive: true });
  const set = rotateKeySet({ keys: [] }, await generateBrokerKey('ES256'), new Date(), 0);
  writeFileSync(file, `${JSON.stringify(set, null, 2)}\n`, { mode: 0o600 });
  return { created: true };
}

/** Keyport's SAML broker key (RSA, PKCS#8 PEM) and its self-signed certificate, for SAML broker mode. */
export function ensureSandboxSamlBrokerKey(files: { keyFile: string; certFile: string }): { created: boolean } {
  if (existsSync(files.keyFile) && existsSync(files.certFile)) return { created: false };
  mkdirSync(path.dirname(files.keyFile), { recursive: true });
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(files.keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 });
  writeFileSync(files.certFile, selfSignedCertificate({ privateKey, commonName: 'Keyport sandbox SAML broker', days: 3650 }), { mode: 0o644 });
  return { created: true };
}
