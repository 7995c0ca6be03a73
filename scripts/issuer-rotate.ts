// `npm run issuer:rotate [-- --lead-seconds 3600 --alg ES256|RS256]` — adds a new broker signing
// key to the key file (BROKER_KEYS_FILE, or the sandbox's). The new key is published at once and
// signs only after the lead time, so AWS, which caches the JWKS, knows it before its first token;
// the key it replaces keeps being published until every token it signed has expired, and keys past
// that are dropped (lib/broker/key-set.ts). Portals re-read the file when it changes. Publish the
// new JWKS (`npm run issuer:publish`) at once if it is hosted as static files.
import { chmodSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BROKER_ALGORITHMS, rotateKeySet, type BrokerAlgorithm } from '../lib/broker/key-set';
import { generateBrokerKey } from '../lib/broker/parse-broker-keys';
import { readBrokerKeys } from '../lib/broker/read-broker-keys';
import { ConfigError } from '../lib/config/schema';
import { issuerTarget } from './issuer-target';

const { values } = parseArgs({ options: { 'lead-seconds': { type: 'string', default: '3600' }, alg: { type: 'string', default: 'ES256' } } });
const lead = Number(values['lead-seconds']);
const alg = values.alg as BrokerAlgorithm;
if (!Number.isFinite(lead) || lead <= 0 || !(BROKER_ALGORITHMS as readonly string[]).includes(alg)) {
  process.stderr.write('usage: npm run issuer:rotate -- [--lead-seconds <seconds above 0>] [--alg ES256|RS256]\n');
  process.exit(2);
}
try {
  const target = issuerTarget(process.env);
  if (target.keys?.kind !== 'file') throw new Error('rotation needs the keys in a file (BROKER_KEYS_FILE); an inline BROKER_SIGNING_KEY cannot be rotated in place');
  const set = await readBrokerKeys(target.keys);
  const now = new Date();
  const fresh = await generateBrokerKey(alg);
  const next = rotateKeySet(set, fresh, now, lead);
  const tmp = `${target.keys.path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, target.keys.path);
  const signsFrom = next.keys.find((k) => k.kid === fresh.kid)?.signsFrom ?? '';
  process.stdout.write(`added key ${fresh.kid} (${alg}), published now, signing from ${signsFrom}; the key set holds ${next.keys.length} key(s)\n`);
} catch (e) {
  process.stderr.write(`${e instanceof ConfigError ? e.message : `could not rotate: ${e instanceof Error ? e.message : String(e)}`}\n`);
  process.exit(1);
}
