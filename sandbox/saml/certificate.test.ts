import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { selfSignedCertificate } from './certificate';

describe('selfSignedCertificate', () => {
  it('is a valid X.509 certificate for the key, signed by itself', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cert = new X509Certificate(selfSignedCertificate({ privateKey, commonName: 'Keyport sandbox SAML IdP' }));
    expect(cert.subject).toBe('CN=Keyport sandbox SAML IdP');
    expect(cert.verify(publicKey)).toBe(true);
    expect(cert.publicKey.equals(publicKey)).toBe(true);
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now());
  });
});
