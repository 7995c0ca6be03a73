// The sandbox's own broker signing key: generated on first start and kept in the data folder
// (mode 0600, git-ignored), in the key-set format `npm run issuer:rotate` maintains.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rotateKeySet } from '../lib/broker/key-set';
import { generateBrokerKey } from '../lib/broker/parse-broker-keys';

export async function ensureSandboxBrokerKeys(file: string): Promise<{ created: boolean }> {
  if (existsSync(file)) return { created: false };
  mkdirSync(path.dirname(file), { recursive: true });
  const set = rotateKeySet({ keys: [] }, await generateBrokerKey('ES256'), new Date(), 0);
  writeFileSync(file, `${JSON.stringify(set, null, 2)}\n`, { mode: 0o600 });
  return { created: true };
}
