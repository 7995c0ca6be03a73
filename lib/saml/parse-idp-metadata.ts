// Pure: what Keyport needs from a SAML IdP's metadata — its entity id, the SSO URL for the
// HTTP-Redirect binding, and its signing certificates (the only keys a response may be signed with).
import { DOMParser, type Element } from '@xmldom/xmldom';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

export interface IdpDescriptor {
  entityId: string;
  ssoUrl: string;
  /** PEM certificates. */
  certs: string[];
}

export function toPem(base64: string): string {
  const body = base64.replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----`;
}

export function parseIdpMetadata(xml: string): IdpDescriptor {
  if (/<!DOCTYPE/i.test(xml)) throw new Error('IdP metadata carries a DOCTYPE; refused');
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  const entity = root?.localName === 'EntityDescriptor' ? root : (doc.getElementsByTagNameNS(MD, 'EntityDescriptor')[0] ?? null);
  if (!entity) throw new Error('IdP metadata has no EntityDescriptor');
  const entityId = entity.getAttribute('entityID');
  const idp = entity.getElementsByTagNameNS(MD, 'IDPSSODescriptor')[0];
  if (!entityId || !idp) throw new Error('IdP metadata has no entityID or IDPSSODescriptor');
  let ssoUrl: string | null = null;
  const services = idp.getElementsByTagNameNS(MD, 'SingleSignOnService');
  for (let i = 0; i < services.length; i++) {
    const s = services[i] as Element;
    if (s.getAttribute('Binding') === REDIRECT) ssoUrl = s.getAttribute('Location');
  }
  if (!ssoUrl) throw new Error('IdP metadata has no HTTP-Redirect SingleSignOnService');
  const certs: string[] = [];
  const keys = idp.getElementsByTagNameNS(MD, 'KeyDescriptor');
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as Element;
    const use = k.getAttribute('use');
    if (use && use !== 'signing') continue;
    const c = k.getElementsByTagNameNS(DS, 'X509Certificate')[0];
    const text = c?.textContent?.trim();
    if (text) certs.push(toPem(text));
  }
  if (certs.length === 0) throw new Error('IdP metadata has no signing certificate');
  return { entityId, ssoUrl, certs };
}
