// A self-signed X.509 certificate for the sandbox SAML IdP's RSA key. The DER comes from
// PeculiarVentures' ASN.1 schemas of RFC 5280 (@peculiar/asn1-x509), not from hand-built bytes:
// the hand-built encoder wrote a non-minimal INTEGER about one time in a hundred, which OpenSSL
// (and so xml-crypto) refuses. node:crypto signs the TBSCertificate.
import { createPublicKey, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, AttributeTypeAndValue, AttributeValue, Certificate, Name, RelativeDistinguishedName, SubjectPublicKeyInfo, TBSCertificate, Validity, Version } from '@peculiar/asn1-x509';

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11'; // RFC 4055 §5
const COMMON_NAME = '2.5.4.3';

function name(cn: string): Name {
  return new Name([new RelativeDistinguishedName([new AttributeTypeAndValue({ type: COMMON_NAME, value: new AttributeValue({ utf8String: cn }) })])]);
}

/** RFC 5280 §4.1.2.2: a positive serial of at most 20 octets; the first octet 0x01–0x7f keeps it minimal and positive. */
function serialNumber(): ArrayBuffer {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) % 0x7f) + 1;
  return new Uint8Array(bytes).buffer;
}

export function selfSignedCertificate(opts: { privateKey: KeyObject; commonName: string; days?: number; now?: Date }): string {
  const now = opts.now ?? new Date();
  // RFC 4055 §5: sha256WithRSAEncryption's parameters are NULL.
  const algorithm = new AlgorithmIdentifier({ algorithm: SHA256_WITH_RSA, parameters: new Uint8Array([0x05, 0x00]).buffer });
  const spki = createPublicKey(opts.privateKey).export({ type: 'spki', format: 'der' });
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serialNumber(),
    signature: algorithm,
    issuer: name(opts.commonName),
    validity: new Validity({ notBefore: new Date(now.getTime() - 86400_000), notAfter: new Date(now.getTime() + (opts.days ?? 3650) * 86400_000) }),
    subject: name(opts.commonName),
    subjectPublicKeyInfo: AsnConvert.parse(spki, SubjectPublicKeyInfo),
  });
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
  const signature = sign('sha256', tbsDer, opts.privateKey);
  const der = Buffer.from(AsnConvert.serialize(new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algorithm, signatureValue: new Uint8Array(signature).buffer })));
  const b64 = der.toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;
}

/** True when OpenSSL (through node:crypto) parses `certPem` and it carries the public half of `privateKeyPem`. */
export function certificateFitsKey(certPem: string, privateKeyPem: string): boolean {
  try {
    const cert = new X509Certificate(certPem);
    return cert.publicKey.equals(createPublicKey(privateKeyPem)) && cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}
