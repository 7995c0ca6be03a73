// A tiny OIDC issuer on loopback for tests: serves discovery and JWKS, signs ID tokens with
// whatever claims a test wants (expired, other audience, future nbf…). Not used at runtime.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export interface SignOptions {
  /** Seconds from now until `exp` (default 300); negative for an expired token. */
  expiresIn?: number;
  /** Seconds added to `iat` (default 0). */
  iatOffset?: number;
  /** Sign with a key the JWKS does not publish (same kid): a forged token. */
  foreignKey?: boolean;
  omitExp?: boolean;
}

export interface TestIssuer {
  /** The issuer URL (`iss`), e.g. http://127.0.0.1:43123 */
  url: string;
  /** Number of JWKS and discovery fetches served. */
  fetches(): { discovery: number; jwks: number };
  sign(claims: JWTPayload, opts?: SignOptions): Promise<string>;
  close(): Promise<void>;
}

const KID = 'test-key-1';

export async function startTestIssuer(opts: { path?: string } = {}): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  const counts = { discovery: 0, jwks: 0 };
  const basePath = opts.path ?? '';
  let issuer = '';

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === `${basePath}/.well-known/openid-configuration`) {
      counts.discovery++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          issuer,
          jwks_uri: `${issuer}/jwks`,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
      return;
    }
    if (path === `${basePath}/jwks`) {
      counts.jwks++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${basePath}`;

  return {
    url: issuer,
    fetches: () => ({ ...counts }),
    async sign(claims: JWTPayload, signOpts: SignOptions = {}): Promise<string> {
      const nowSeconds = Math.floor(Date.now() / 1000);
      const key: CryptoKey = signOpts.foreignKey === true ? foreign.privateKey : privateKey;
      const jwt = new SignJWT({ iss: issuer, iat: nowSeconds + (signOpts.iatOffset ?? 0), ...claims }).setProtectedHeader({
        alg: 'RS256',
        kid: KID,
        typ: 'JWT',
      });
      if (signOpts.omitExp !== true && claims.exp === undefined) jwt.setExpirationTime(nowSeconds + (signOpts.expiresIn ?? 300));
      return jwt.sign(key);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
