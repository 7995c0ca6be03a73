// Keyport's broker issuer for tests that run without the portal: serves the same discovery
// document and JWKS the portal serves (lib/broker, app/oidc/*), and mints tokens with Keyport's own
// code. Loopback, free port.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brokerDiscoveryDocument } from '../lib/broker/discovery-document';
import { issueBrokerToken, type BrokerToken } from '../lib/broker/issue-broker-token';
import { jwksOf, rotateKeySet, type BrokerKeySet } from '../lib/broker/key-set';
import { generateBrokerKey } from '../lib/broker/parse-broker-keys';
import { samlBrokerMetadata } from '../lib/broker/saml-assertion';
import type { TaggableAttribute, TagSource } from '../lib/broker/session-tags';
import { selfSignedCertificate } from '../sandbox/saml/certificate';

export interface BrokerIssuer {
  /** `iss` of the tokens, e.g. http://127.0.0.1:41234/oidc */
  url: string;
  keys(): BrokerKeySet;
  setKeys(set: BrokerKeySet): void;
  /** Keyport's SAML IdP (SAML broker mode): its entity id, key, and metadata URL. */
  saml: { entityId: string; metadataUrl: string; key: { privateKeyPem: string; certPem: string } };
  /** A token Keyport would mint for `person` (a RoleSessionName) and `roleArn`. */
  mint(opts: { roleArn: string; person: string; now?: Date; tagAttributes?: TaggableAttribute[]; source?: Partial<TagSource> }): Promise<BrokerToken>;
  close(): Promise<void>;
}

export async function startBrokerIssuer(opts: { audience?: string } = {}): Promise<BrokerIssuer> {
  let set = rotateKeySet({ keys: [] }, await generateBrokerKey('ES256'), new Date(Date.now() - 60_000), 0);
  let url = '';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const samlKey = { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, certPem: selfSignedCertificate({ privateKey, commonName: 'Keyport test SAML broker' }) };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/saml-idp/metadata') {
      res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(samlBrokerMetadata({ entityId: `${url.replace(/\/oidc$/, '')}/saml-idp`, certPem: samlKey.certPem, ssoUrl: `${url}/` }));
      return;
    }
    const body =
      path === '/oidc/.well-known/openid-configuration' ? brokerDiscoveryDocument(url, set.keys.map((k) => k.alg)) : path === '/oidc/jwks' ? jwksOf(set, new Date()) : undefined;
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oidc`;
  const base = url.replace(/\/oidc$/, '');
  return {
    url,
    saml: { entityId: `${base}/saml-idp`, metadataUrl: `${base}/saml-idp/metadata`, key: samlKey },
    keys: () => set,
    setKeys: (s) => {
      set = s;
    },
    mint: ({ roleArn, person, now = new Date(), tagAttributes = [], source = {} }) =>
      issueBrokerToken({
        keys: set,
        issuer: url,
        audience: opts.audience ?? 'sts.amazonaws.com',
        roleArn,
        tagSource: { person, verifiedEmail: person.includes('@') ? person : null, mappingId: 'test-mapping', name: null, username: null, groups: [], idpKind: 'OIDC', ...source },
        tagAttributes,
        now,
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
