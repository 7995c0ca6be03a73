// A self-signed X.509 certificate for the sandbox SAML IdP's RSA key, built with node:crypto
// alone (DER by hand: version 3, serial, sha256WithRSAEncryption, CN, validity, SPKI).
import { createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, body: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), len(body.length), body]);
const seq = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));
const SHA256_RSA = Buffer.from('06092a864886f70d01010b0500', 'hex'); // OID 1.2.840.113549.1.1.11 + NULL
const CN = Buffer.from('0603550403', 'hex'); // OID 2.5.4.3

function time(d: Date): Buffer {
  const s = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(s.slice(2))) : tlv(0x18, Buffer.from(s));
}

function name(cn: string): Buffer {
  return seq(tlv(0x31, seq(CN, tlv(0x0c, Buffer.from(cn, 'utf8')))));
}

export function selfSignedCertificate(opts: { privateKey: KeyObject; commonName: string; days?: number; now?: Date }): string {
  const now = opts.now ?? new Date();
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const spki = createPublicKey(opts.privateKey).export({ type: 'spki', format: 'der' });
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    seq(SHA256_RSA.subarray(0, 11), SHA256_RSA.subarray(11)),
    name(opts.commonName),
    seq(time(new Date(now.getTime() - 86400_000)), time(new Date(now.getTime() + (opts.days ?? 3650) * 86400_000))),
    name(opts.commonName),
    spki,
  );
  const signature = sign('sha256', tbs, opts.privateKey);
  const der = seq(tbs, seq(SHA256_RSA.subarray(0, 11), SHA256_RSA.subarray(11)), tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const b64 = der.toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;
}
