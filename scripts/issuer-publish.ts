// `npm run issuer:publish -- <folder>` — writes Keyport's broker issuer documents as static files,
// laid out as the issuer URL expects them, so they can be hosted where AWS STS can fetch them over
// public HTTPS (a public bucket, a CDN) while the portal stays internal:
//   <folder>/.well-known/openid-configuration   (OpenID Connect Discovery 1.0 §4)
//   <folder>/jwks                              (its jwks_uri)
// The same documents the portal serves at <issuer>/… (app/oidc/*). Run it again after every
// `npm run issuer:rotate`, and again once the old key has retired.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brokerDiscoveryDocument } from '../lib/broker/discovery-document';
import { jwksOf, publishedKeysAt } from '../lib/broker/key-set';
import { readBrokerKeys } from '../lib/broker/read-broker-keys';
import { ConfigError } from '../lib/config/schema';
import { issuerTarget } from './issuer-target';

const folder = process.argv[2];
if (!folder) {
  process.stderr.write('usage: npm run issuer:publish -- <folder>\n');
  process.exit(2);
}
try {
  const target = issuerTarget(process.env);
  const set = await readBrokerKeys(target.keys);
  const now = new Date();
  mkdirSync(path.join(folder, '.well-known'), { recursive: true });
  writeFileSync(path.join(folder, '.well-known', 'openid-configuration'), `${JSON.stringify(brokerDiscoveryDocument(target.issuerUrl, publishedKeysAt(set, now).map((k) => k.alg)), null, 2)}\n`);
  writeFileSync(path.join(folder, 'jwks'), `${JSON.stringify(jwksOf(set, now), null, 2)}\n`);
  process.stdout.write(`wrote ${path.join(folder, '.well-known', 'openid-configuration')} and ${path.join(folder, 'jwks')} for ${target.issuerUrl} (${publishedKeysAt(set, now).length} key(s))\n`);
} catch (e) {
  process.stderr.write(`${e instanceof ConfigError ? e.message : `could not publish: ${e instanceof Error ? e.message : String(e)}`}\n`);
  process.exit(1);
}
