import 'server-only';
// What Keyport publishes as the broker issuer: the discovery document and the JWKS, from the
// configured keys. The same two documents `npm run issuer:publish` writes as files.
import { getConfig } from '@/lib/config';
import { brokerDiscoveryDocument } from './discovery-document';
import { jwksOf, publishedKeysAt } from './key-set';
import { readBrokerKeys } from './read-broker-keys';

export async function publishedDiscovery(): Promise<ReturnType<typeof brokerDiscoveryDocument> | null> {
  const cfg = getConfig();
  if (cfg.broker.keys === null) return null;
  const set = await readBrokerKeys(cfg.broker.keys);
  return brokerDiscoveryDocument(cfg.broker.issuerUrl, publishedKeysAt(set, new Date()).map((k) => k.alg));
}

export async function publishedJwks(): Promise<ReturnType<typeof jwksOf> | null> {
  const cfg = getConfig();
  if (cfg.broker.keys === null) return null;
  return jwksOf(await readBrokerKeys(cfg.broker.keys), new Date());
}
