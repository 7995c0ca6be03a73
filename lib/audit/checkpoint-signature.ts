// Signed audit checkpoints (issue #13): "the chain had this head hash at this position at this
// time", signed with an Ed25519 key that lives in Keyport's configuration (AUDIT_SIGNING_KEY) and
// never in the database, so whoever controls the database cannot forge one. Ed25519 is RFC 8032,
// through node:crypto. Key material never appears in an error message or a log.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export interface AuditCheckpoint {
  /** Chain position (seq) covered: every event up to and including it. Decimal string. */
  position: string;
  /** The chain hash of the event at `position`. */
  headHash: string;
  signedAt: string;
  /** The signer's cadence (a checkpoint at least every this many events), so gaps are noticed. */
  every: number;
  keyId: string;
  /** Ed25519 signature of checkpointMessage(), base64url. */
  signature: string;
}

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export class CheckpointKeyError extends Error {
  override name = 'CheckpointKeyError';
}

// PKCS#8 DER prefix of an Ed25519 private key (RFC 8410 §7), followed by the 32-byte seed.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function rawPublic(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  return Buffer.from(String(jwk.x), 'base64url');
}

/** A short, stable name of a public key: the first 16 hex digits of sha256 of its 32 raw bytes. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(rawPublic(publicKey)).digest('hex').slice(0, 16);
}

/** AUDIT_SIGNING_KEY: an Ed25519 private key in PEM (PKCS#8), or base64/base64url of its 32-byte seed. */
export function loadSigningKey(text: string): SigningKey {
  let privateKey: KeyObject;
  try {
    const t = text.trim();
    if (t.startsWith('-----BEGIN')) privateKey = createPrivateKey(t);
    else {
      const seed = Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64');
      if (seed.length !== 32) throw new Error('length');
      privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    }
  } catch {
    throw new CheckpointKeyError('AUDIT_SIGNING_KEY is not an Ed25519 private key (PEM PKCS#8, or base64 of the 32-byte seed)');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new CheckpointKeyError('AUDIT_SIGNING_KEY must be an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), privateKey, publicKey };
}

/** AUDIT_VERIFY_KEYS entries: an Ed25519 public key in PEM (SPKI), or base64/base64url of its 32 raw bytes. */
export function loadVerifyKey(text: string): KeyObject {
  try {
    const t = text.trim();
    const key = t.startsWith('-----BEGIN')
      ? createPublicKey(t)
      : createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64').toString('base64url') }, format: 'jwk' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('type');
    return key;
  } catch {
    throw new CheckpointKeyError('an AUDIT_VERIFY_KEYS entry is not an Ed25519 public key (PEM, or base64 of the 32 raw bytes)');
  }
}

/** The public half as base64url of its 32 raw bytes: what a reviewer puts in AUDIT_VERIFY_KEYS. */
export function publicKeyText(key: KeyObject): string {
  return rawPublic(key).toString('base64url');
}

/** The exact bytes signed: one field a line, named, so no two checkpoints share a message. */
export function checkpointMessage(c: Omit<AuditCheckpoint, 'signature'>): Buffer {
  return Buffer.from(`keyport-audit-checkpoint/v1\nposition=${c.position}\nhead=${c.headHash}\nsigned_at=${c.signedAt}\nevery=${c.every}\nkey=${c.keyId}\n`, 'utf8');
}

export function signCheckpoint(key: SigningKey, c: { position: bigint; headHash: string; signedAt: Date; every: number }): AuditCheckpoint {
  const body = { position: c.position.toString(), headHash: c.headHash, signedAt: c.signedAt.toISOString(), every: c.every, keyId: key.keyId };
  return { ...body, signature: sign(null, checkpointMessage(body), key.privateKey).toString('base64url') };
}

export type CheckpointTrust = 'valid' | 'invalid' | 'unknown-key';

export function checkCheckpointSignature(keys: ReadonlyMap<string, KeyObject>, c: AuditCheckpoint): CheckpointTrust {
  const key = keys.get(c.keyId);
  if (!key) return 'unknown-key';
  const { signature, ...body } = c;
  try {
    return verify(null, checkpointMessage(body), key, Buffer.from(signature, 'base64url')) ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** A checkpoint from untrusted JSON (a database row's details, a line of a file), or null. */
export function parseCheckpoint(v: unknown): AuditCheckpoint | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const ok =
    typeof o.position === 'string' &&
    /^\d{1,19}$/.test(o.position) &&
    typeof o.headHash === 'string' &&
    /^[0-9a-f]{64}$/.test(o.headHash) &&
    typeof o.signedAt === 'string' &&
    typeof o.every === 'number' &&
    Number.isInteger(o.every) &&
    o.every > 0 &&
    typeof o.keyId === 'string' &&
    typeof o.signature === 'string';
  if (!ok) return null;
  return { position: o.position as string, headHash: o.headHash as string, signedAt: o.signedAt as string, every: o.every as number, keyId: o.keyId as string, signature: o.signature as string };
}

/** The keys verification trusts: the signing key's public half and every AUDIT_VERIFY_KEYS entry. */
export function verificationKeys(opts: { signingKey?: string; verifyKeys?: readonly string[] }): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  if (opts.signingKey) {
    const k = loadSigningKey(opts.signingKey);
    keys.set(k.keyId, k.publicKey);
  }
  for (const text of opts.verifyKeys ?? []) {
    const k = loadVerifyKey(text);
    keys.set(keyIdOf(k), k);
  }
  return keys;
}
