// The result of a browser round trip (SAML passthrough issuance started by the CLI) travels back
// to the CLI's loopback listener through the browser's address bar, so it is sealed to a key only
// the waiting CLI process holds: an ephemeral X25519 key pair the CLI makes for this one request
// (it sends Keyport the public half), in the manner of HPKE's base mode (RFC 9180): X25519,
// HKDF-SHA256, AES-256-GCM, with the request's state as associated data. Keyport stores only the
// public key; the browser, its history and any extension see ciphertext. Shared by the portal and
// the CLI (see credential-input-error.js). Pure.
import { createCipheriv, createDecipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';

const INFO = 'keyport-cli loopback result v1';
export const PUBLIC_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** @returns {{ publicKey: string; privateKey: import('node:crypto').KeyObject }} */
export function newLoopbackKeyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { publicKey: /** @type {string} */ (publicKey.export({ format: 'jwk' }).x), privateKey };
}

/** @param {string} x */
function x25519Public(x) {
  if (!PUBLIC_KEY_PATTERN.test(x)) throw new RangeError('not an X25519 public key');
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' });
}

/** @param {Buffer} shared @param {string} senderX @param {string} recipientX */
function keyOf(shared, senderX, recipientX) {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.from(`${senderX}.${recipientX}`), INFO, 32));
}

/**
 * @param {{ recipientPublicKey: string; state: string; plaintext: string }} o
 * @returns {string} `<sender public key>.<iv>.<ciphertext+tag>`, base64url
 */
export function sealForLoopback({ recipientPublicKey, state, plaintext }) {
  const recipient = x25519Public(recipientPublicKey);
  const sender = generateKeyPairSync('x25519');
  const senderX = /** @type {string} */ (sender.publicKey.export({ format: 'jwk' }).x);
  const key = keyOf(diffieHellman({ privateKey: sender.privateKey, publicKey: recipient }), senderX, recipientPublicKey);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(state));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${senderX}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

/**
 * @param {{ privateKey: import('node:crypto').KeyObject; publicKey: string; state: string; sealed: string }} o
 * @returns {string} the plaintext; throws when it was not sealed to this key and state
 */
export function openLoopbackSeal({ privateKey, publicKey, state, sealed }) {
  const [senderX, ivText, bodyText] = sealed.split('.');
  if (!senderX || !ivText || !bodyText) throw new RangeError('malformed sealed result');
  const key = keyOf(diffieHellman({ privateKey, publicKey: x25519Public(senderX) }), senderX, publicKey);
  const body = Buffer.from(bodyText, 'base64url');
  if (body.length < 17) throw new RangeError('malformed sealed result');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
  decipher.setAAD(Buffer.from(state));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
}
