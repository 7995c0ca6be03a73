// Builds and signs a SAML 2.0 Response the way an IdP does: one Assertion, signed (enveloped,
// exclusive c14n, RSA-SHA256) by the IdP's key, with NameID, Conditions/AudienceRestriction,
// a bearer SubjectConfirmation (Recipient, InResponseTo, NotOnOrAfter), an AuthnStatement and
// attributes. The sandbox IdP uses it, Keyport signs its own assertions for AWS with it (broker
// mode, lib/broker/saml-assertion.ts), and tests use it (and its options) to craft hostile responses.
import { randomBytes } from 'node:crypto';
import { SignedXml } from 'xml-crypto';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';

export interface ResponseInput {
  issuer: string;
  /** Where the response is posted (Response/@Destination). */
  destination: string;
  /** SubjectConfirmationData/@Recipient. */
  recipient: string;
  audience: string;
  inResponseTo: string | null;
  nameId: string;
  nameIdFormat?: string;
  attributes: Record<string, readonly string[]>;
  now?: Date;
  /** Assertion lifetime; default 5 minutes. */
  ttlSeconds?: number;
  assertionId?: string;
  /** Raw markup inserted as-is inside chosen attribute values (tests: comments inside a value). */
  rawAttributeValues?: Record<string, readonly string[]>;
}

export function newSamlId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The unsigned Assertion element. */
export function assertionXml(input: ResponseInput): string {
  const now = input.now ?? new Date();
  const until = new Date(now.getTime() + (input.ttlSeconds ?? 300) * 1000);
  const id = input.assertionId ?? newSamlId();
  const irt = input.inResponseTo ? ` InResponseTo="${escapeXml(input.inResponseTo)}"` : '';
  const attrs = [
    ...Object.entries(input.attributes).map(
      ([name, values]) =>
        `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${values
          .map((v) => `<saml:AttributeValue>${escapeXml(v)}</saml:AttributeValue>`)
          .join('')}</saml:Attribute>`,
    ),
    ...Object.entries(input.rawAttributeValues ?? {}).map(
      ([name, values]) =>
        `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${values.map((v) => `<saml:AttributeValue>${v}</saml:AttributeValue>`).join('')}</saml:Attribute>`,
    ),
  ].join('');
  return (
    `<saml:Assertion xmlns:saml="${SAML}" ID="${id}" Version="2.0" IssueInstant="${iso(now)}">` +
    `<saml:Issuer>${escapeXml(input.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${escapeXml(input.nameIdFormat ?? 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent')}">${escapeXml(input.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${irt} NotOnOrAfter="${iso(until)}" Recipient="${escapeXml(input.recipient)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(new Date(now.getTime() - 5000))}" NotOnOrAfter="${iso(until)}"><saml:AudienceRestriction><saml:Audience>${escapeXml(input.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${newSamlId()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    (attrs ? `<saml:AttributeStatement>${attrs}</saml:AttributeStatement>` : '') +
    `</saml:Assertion>`
  );
}

/** Signs the element with the given ID inside `xml` (enveloped signature after its Issuer). */
export function signElement(xml: string, opts: { id: string; privateKeyPem: string; certPem: string; localName?: 'Assertion' | 'Response' }): string {
  const sig = new SignedXml({
    privateKey: opts.privateKeyPem,
    publicCert: opts.certPem,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: `//*[@ID='${opts.id}']`,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: `//*[@ID='${opts.id}']/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return sig.getSignedXml();
}

export function wrapInResponse(input: Pick<ResponseInput, 'issuer' | 'destination' | 'inResponseTo' | 'now'>, inner: string, responseId: string = newSamlId()): string {
  const now = input.now ?? new Date();
  const irt = input.inResponseTo ? ` InResponseTo="${escapeXml(input.inResponseTo)}"` : '';
  return (
    `<samlp:Response xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="${responseId}" Version="2.0" IssueInstant="${iso(now)}" Destination="${escapeXml(input.destination)}"${irt}>` +
    `<saml:Issuer>${escapeXml(input.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    inner +
    `</samlp:Response>`
  );
}

/** A complete Response with a signed Assertion, base64-encoded as the HTTP-POST binding carries it. */
export function signedResponse(input: ResponseInput, key: { privateKeyPem: string; certPem: string }): { base64: string; xml: string; assertionId: string } {
  const assertionId = input.assertionId ?? newSamlId();
  const signed = signElement(assertionXml({ ...input, assertionId }), { id: assertionId, ...key });
  const xml = `<?xml version="1.0" encoding="UTF-8"?>${wrapInResponse(input, signed)}`;
  return { base64: Buffer.from(xml, 'utf8').toString('base64'), xml, assertionId };
}
