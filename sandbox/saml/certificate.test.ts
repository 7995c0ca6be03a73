import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import { signElement } from './build-response';
import { certificateFitsKey, selfSignedCertificate } from './certificate';

// Key generation dominates; a handful of keys, each certified many times, draws a few hundred
// serials, signatures and validity encodings (the parts that vary between certificates).
const keys = Array.from({ length: 4 }, () => generateKeyPairSync('rsa', { modulusLength: 2048 }));
const pem = (k: (typeof keys)[number]) => k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

function verifies(signedXml: string, certPem: string): boolean {
  const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signedXml)?.[0];
  if (!signature) return false;
  const check = new SignedXml({ publicCert: certPem });
  check.loadSignature(signature);
  return check.checkSignature(signedXml);
}

describe('selfSignedCertificate', () => {
  it('is a valid X.509 certificate for the key, signed by itself', () => {
    const { privateKey, publicKey } = keys[0]!;
    const cert = new X509Certificate(selfSignedCertificate({ privateKey, commonName: 'Keyport sandbox SAML IdP' }));
    expect(cert.subject).toBe('CN=Keyport sandbox SAML IdP');
    expect(cert.verify(publicKey)).toBe(true);
    expect(cert.publicKey.equals(publicKey)).toBe(true);
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now());
  });

  // 900 RSA operations: about 2 s on an idle core, many times that on a shared machine.
  it('300 certificates all parse with OpenSSL and sign and verify XML with xml-crypto', { timeout: 120_000 }, () => {
    const serials = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const key = keys[i % keys.length]!;
      const certPem = selfSignedCertificate({ privateKey: key.privateKey, commonName: `cert ${i}`, days: 1 + i });
      const cert = new X509Certificate(certPem);
      expect(cert.verify(key.publicKey)).toBe(true);
      expect(cert.serialNumber).toMatch(/^[0-7][0-9A-F]{31}$/);
      serials.add(cert.serialNumber);
      const xml = `<r><a ID="_${i}"><Issuer>x</Issuer><v>${i}</v></a></r>`;
      const signed = signElement(xml, { id: `_${i}`, privateKeyPem: pem(key), certPem, localName: 'Assertion' });
      expect(verifies(signed, certPem)).toBe(true);
    }
    expect(serials.size).toBe(300);
  });
});

describe('certificateFitsKey', () => {
  const [a, b] = [keys[0]!, keys[1]!];
  const certA = selfSignedCertificate({ privateKey: a.privateKey, commonName: 'a' });
  it('accepts the certificate of the key', () => {
    expect(certificateFitsKey(certA, pem(a))).toBe(true);
  });
  it('refuses a certificate of another key', () => {
    expect(certificateFitsKey(certA, pem(b))).toBe(false);
  });
  it('refuses a certificate OpenSSL cannot parse', () => {
    // DER OpenSSL refuses: the serial given a redundant leading 0x00, so its lengths no longer add up.
    const der = Buffer.from(certA.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const at = der.indexOf(Buffer.from([0x02, 0x10])); // the serial: INTEGER, 16 octets
    const broken = Buffer.concat([der.subarray(0, at), Buffer.from([0x02, 0x11, 0x00]), der.subarray(at + 2)]);
    expect(() => new X509Certificate(broken)).toThrow();
    expect(certificateFitsKey(`-----BEGIN CERTIFICATE-----\n${broken.toString('base64')}\n-----END CERTIFICATE-----\n`, pem(a))).toBe(false);
  });
  it('refuses text that is no certificate', () => {
    expect(certificateFitsKey('not a certificate', pem(a))).toBe(false);
  });
});
