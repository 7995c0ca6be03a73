// Encrypts IdP tokens before they are stored with the server-side session, so the database alone
// never discloses them. AES-256-GCM; the key is derived from AUTH_SECRET (which is not in the DB).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const INFO = 'keyport idp-token encryption v1';

// Derived once per secret: an issuance in passthrough mode opens the stored ID token, and HKDF on
// each call showed in the portal's profile (bench/FINDINGS.md).
const keys = new Map<string, Buffer>();

function keyFrom(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'keyport', INFO, 32));
    keys.set(secret, key);
  }
  return key;
}

export function encryptToken(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export function decryptToken(sealed: string, secret: string): string {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== 'v1' || !iv || !body || !tag) throw new Error('unrecognised sealed token');
  // The full 16-byte tag only: GCM would otherwise verify a truncated (forgeable) one.
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), Buffer.from(iv, 'base64url'), { authTagLength: 16 });
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
