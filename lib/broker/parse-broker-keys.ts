// Keyport's broker signing keys from configuration text: a PEM private key (PKCS#8, or SEC1/PKCS#1
// as openssl writes them), a private JWK, or a key-set file as `npm run issuer:rotate` writes it
// ({ "keys": [ … ] }). EC P-256 keys sign ES256, RSA keys (2048 bits or more) RS256 — the two
// algorithms STS accepts that every IdP library has (IAM User Guide, "Create an OpenID Connect
// (OIDC) identity provider in IAM": RS256 and ES256 among the supported algorithms).
// A single key given as PEM/JWK has no rotation history: it signs from the epoch.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { z } from 'zod';
import { BROKER_ALGORITHMS, type BrokerAlgorithm, type BrokerKey, type BrokerKeySet } from './key-set';

export class BrokerKeyError extends Error {
  override name = 'BrokerKeyError';
}

const Jwk = z.record(z.string(), z.unknown());
const KeySetFile = z.object({
  keys: z
    .array(
      z.object({
        kid: z.string().min(1).max(128),
        alg: z.enum(BROKER_ALGORITHMS),
        privateJwk: Jwk,
        publicJwk: Jwk,
        createdAt: z.iso.datetime(),
        signsFrom: z.iso.datetime(),
      }),
    )
    .min(1),
});

function algorithmOf(key: KeyObject): BrokerAlgorithm {
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048) return 'RS256';
  throw new BrokerKeyError('a broker signing key must be an EC P-256 key (ES256) or an RSA key of 2048 bits or more (RS256)');
}

async function fromPrivateKey(key: KeyObject): Promise<BrokerKey> {
  const alg = algorithmOf(key);
  const privateJwk = key.export({ format: 'jwk' }) as JWK;
  const publicJwk = createPublicKey(key).export({ format: 'jwk' }) as JWK;
  return { kid: await calculateJwkThumbprint(publicJwk, 'sha256'), alg, privateJwk, publicJwk, createdAt: new Date(0).toISOString(), signsFrom: new Date(0).toISOString() };
}

/** Parses the configured key text. Messages never quote the text (it is a private key). */
export async function parseBrokerKeys(text: string): Promise<BrokerKeySet> {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    if (!/PRIVATE KEY-----/.test(trimmed)) throw new BrokerKeyError('the broker key PEM is not a private key');
    let key: KeyObject;
    try {
      key = createPrivateKey(trimmed);
    } catch {
      throw new BrokerKeyError('the broker key PEM could not be read as a private key');
    }
    return { keys: [await fromPrivateKey(key)] };
  }
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    throw new BrokerKeyError('the broker key is neither PEM nor JSON (a JWK or a Keyport key set)');
  }
  if (typeof json === 'object' && json !== null && 'keys' in json) {
    const parsed = KeySetFile.safeParse(json);
    if (!parsed.success) throw new BrokerKeyError(`the broker key set is invalid: ${parsed.error.issues.map((i) => i.path.join('.') || 'file').join(', ')}`);
    for (const k of parsed.data.keys) {
      if (algorithmOf(createPrivateKey({ key: k.privateJwk as JWK & { kty: string }, format: 'jwk' })) !== k.alg) throw new BrokerKeyError(`key ${k.kid}: alg does not match the key type`);
    }
    return { keys: parsed.data.keys.map((k) => ({ ...k, privateJwk: k.privateJwk as JWK, publicJwk: k.publicJwk as JWK })) };
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: json as JWK & { kty: string }, format: 'jwk' });
  } catch {
    throw new BrokerKeyError('the broker key JWK is not a private key (it needs its "d")');
  }
  return { keys: [await fromPrivateKey(key)] };
}

/** A new private key for the broker, with its kid (the RFC 7638 thumbprint of its public half). */
export async function generateBrokerKey(alg: BrokerAlgorithm = 'ES256'): Promise<Omit<BrokerKey, 'signsFrom' | 'createdAt'>> {
  const { privateKey } = alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { kid, privateJwk, publicJwk } = await fromPrivateKey(privateKey);
  return { kid, alg, privateJwk, publicJwk };
}
