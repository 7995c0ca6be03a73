// Reads Keyport's broker key set from its configured source. A key file is re-read when it
// changes (size or mtime), so `npm run issuer:rotate` takes effect without a restart.
import { readFile, stat } from 'node:fs/promises';
import type { BrokerConfig } from '@/lib/config/schema';
import type { BrokerKeySet } from './key-set';
import { BrokerKeyError, parseBrokerKeys } from './parse-broker-keys';

type Cached = { stamp: string; set: Promise<BrokerKeySet> };
const cache = new Map<string, Cached>();

export async function readBrokerKeys(keys: BrokerConfig['keys']): Promise<BrokerKeySet> {
  if (keys === null) throw new BrokerKeyError('broker mode is not configured: no BROKER_KEYS_FILE or BROKER_SIGNING_KEY');
  if (keys.kind === 'inline') {
    let c = cache.get('inline');
    if (c === undefined || c.stamp !== keys.text) {
      c = { stamp: keys.text, set: parseBrokerKeys(keys.text) };
      cache.set('inline', c);
    }
    return c.set;
  }
  let stamp: string;
  try {
    const st = await stat(keys.path);
    stamp = `${st.size}:${st.mtimeMs}`;
  } catch {
    throw new BrokerKeyError(`the broker key file ${keys.path} cannot be read`);
  }
  const c = cache.get(keys.path);
  if (c !== undefined && c.stamp === stamp) return c.set;
  const set = readFile(keys.path, 'utf8').then(parseBrokerKeys);
  cache.set(keys.path, { stamp, set });
  set.catch(() => cache.delete(keys.path));
  return set;
}
