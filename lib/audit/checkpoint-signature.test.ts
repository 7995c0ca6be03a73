import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkCheckpointSignature, loadSigningKey, loadVerifyKey, parseCheckpoint, publicKeyText, signCheckpoint, verificationKeys } from './checkpoint-signature';

const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const key = loadSigningKey(pem);
const keys = new Map([[key.keyId, key.publicKey]]);
const cp = signCheckpoint(key, { position: 42n, headHash: 'a'.repeat(64), signedAt: new Date('2026-12-01T10:00:00Z'), every: 1000 });

describe('signed audit checkpoints', () => {
  it('verify with the signing key', () => {
    expect(checkCheckpointSignature(keys, cp)).toBe('valid');
    expect(cp).toMatchObject({ position: '42', keyId: key.keyId, every: 1000 });
  });
  it('are refused when any signed field changes', () => {
    for (const change of [{ position: '43' }, { headHash: 'b'.repeat(64) }, { signedAt: '2026-12-01T10:00:01.000Z' }, { every: 1001 }]) {
      expect(checkCheckpointSignature(keys, { ...cp, ...change })).toBe('invalid');
    }
  });
  it('are refused with a garbled signature', () => {
    expect(checkCheckpointSignature(keys, { ...cp, signature: 'AAAA' })).toBe('invalid');
    // One character changed where every bit counts (the first: six bits of the first byte). The
    // last ones would not do: an unpadded Ed25519 signature's last character carries two bits, so
    // writing "AA" there left the signature unchanged in one run of 256.
    const first = cp.signature[0] === 'A' ? 'B' : 'A';
    expect(checkCheckpointSignature(keys, { ...cp, signature: `${first}${cp.signature.slice(1)}` })).toBe('invalid');
  });
  it('signed by another key are not trusted, and one claiming our key id fails', () => {
    const other = loadSigningKey(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const forged = signCheckpoint(other, { position: 42n, headHash: 'a'.repeat(64), signedAt: new Date(), every: 1000 });
    expect(checkCheckpointSignature(keys, forged)).toBe('unknown-key');
    expect(checkCheckpointSignature(keys, { ...forged, keyId: key.keyId })).toBe('invalid');
  });
  it('verify with the public key alone (AUDIT_VERIFY_KEYS), raw or PEM', () => {
    const raw = publicKeyText(key.publicKey);
    expect(checkCheckpointSignature(verificationKeys({ verifyKeys: [raw] }), cp)).toBe('valid');
    const spki = key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(checkCheckpointSignature(verificationKeys({ verifyKeys: [spki] }), cp)).toBe('valid');
  });
  it('loads a key from its base64 seed to the same key id', () => {
    const seed = Buffer.from(String(key.privateKey.export({ format: 'jwk' }).d), 'base64url');
    expect(loadSigningKey(seed.toString('base64')).keyId).toBe(key.keyId);
    expect(loadSigningKey(seed.toString('base64url')).keyId).toBe(key.keyId);
  });
  it('refuse keys that are not Ed25519 without echoing them', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadSigningKey(rsa)).toThrow(/must be an Ed25519 key/);
    expect(() => loadSigningKey('not-a-key-c2VjcmV0')).toThrow(/is not an Ed25519 private key/);
    const thrown = (() => {
      try {
        loadSigningKey('c2VjcmV0LXNlZWQ=');
        return 'did not throw';
      } catch (e) {
        return String(e);
      }
    })();
    expect(thrown).toMatch(/is not an Ed25519 private key/);
    expect(thrown).not.toContain('c2VjcmV0LXNlZWQ=');
    expect(() => loadVerifyKey('nope')).toThrow(/not an Ed25519 public key/);
  });
  it('parse from untrusted JSON only when well-formed', () => {
    expect(parseCheckpoint(JSON.parse(JSON.stringify(cp)))).toEqual(cp);
    expect(parseCheckpoint({ ...cp, position: 42 })).toBeNull();
    expect(parseCheckpoint({ ...cp, headHash: 'xyz' })).toBeNull();
    expect(parseCheckpoint({ ...cp, every: 0 })).toBeNull();
    expect(parseCheckpoint(null)).toBeNull();
    expect(parseCheckpoint('x')).toBeNull();
  });
});
