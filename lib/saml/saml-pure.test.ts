import { describe, expect, it } from 'vitest';
import { parseRolePairs, parseSessionDuration } from './aws-attributes';
import { decodeSamlResponse, SamlInputError } from './decode-saml-response';
import { explainSamlFailure, samlErrorMessage } from './explain-saml-failure';
import { parseIdpMetadata } from './parse-idp-metadata';
import { readAssertion } from './read-assertion';
import { samlIdentity } from './saml-identity';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const reason = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof SamlInputError ? e.reason : 'other';
  }
  return 'accepted';
};

const ASSERTION = `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1" Version="2.0" IssueInstant="2026-01-01T00:00:00Z">
<saml:Issuer>https://idp.example.com</saml:Issuer>
<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">u-1</saml:NameID>
<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="_r1" NotOnOrAfter="2026-01-01T00:05:00Z" Recipient="https://keyport/acs"/></saml:SubjectConfirmation></saml:Subject>
<saml:Conditions NotOnOrAfter="2026-01-01T00:10:00Z"><saml:AudienceRestriction><saml:Audience>https://keyport/sp</saml:Audience></saml:AudienceRestriction></saml:Conditions>
<saml:AttributeStatement><saml:Attribute Name="groups"><saml:AttributeValue>admins<!--x-->.evil</saml:AttributeValue><saml:AttributeValue><![CDATA[a&b]]></saml:AttributeValue></saml:Attribute>
<saml:Attribute Name="email"><saml:AttributeValue>u@example.com</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>
</saml:Assertion>`;

describe('decodeSamlResponse', () => {
  it('refuses DOCTYPE and ENTITY anywhere, non-base64, oversized and non-XML input', () => {
    expect(reason(() => decodeSamlResponse(b64('<r/>')))).toBe('accepted');
    expect(reason(() => decodeSamlResponse(b64('<?xml version="1.0"?><!DOCTYPE r><r/>')))).toBe('doctype');
    expect(reason(() => decodeSamlResponse(b64('<r><x><!doctype y></x></r>')))).toBe('doctype');
    expect(reason(() => decodeSamlResponse(b64('<r><!ENTITY a "b"></r>')))).toBe('doctype');
    expect(reason(() => decodeSamlResponse('not base64 at all!'))).toBe('not_base64');
    expect(reason(() => decodeSamlResponse(b64(`<r>${'x'.repeat(2048)}</r>`), 1024))).toBe('too_large');
    expect(reason(() => decodeSamlResponse(b64('hello')))).toBe('not_xml');
  });
});

describe('readAssertion', () => {
  it('reads the facts, every attribute value in full (comments skipped, never truncating)', () => {
    const f = readAssertion(ASSERTION);
    expect(f).toMatchObject({ id: '_a1', issuer: 'https://idp.example.com', nameId: 'u-1', audiences: ['https://keyport/sp'], recipients: ['https://keyport/acs'], inResponseTo: ['_r1'] });
    expect(f.notOnOrAfter?.toISOString()).toBe('2026-01-01T00:05:00.000Z');
    expect(f.attributes.groups).toEqual(['admins.evil', 'a&b']);
    expect(samlIdentity(f, 'groups')).toEqual({ sub: 'u-1', email: 'u@example.com', emailVerified: true, name: null, username: null, groups: ['admins.evil', 'a&b'] });
  });
});

describe('AWS attributes', () => {
  it('pairs role and provider in either order and ignores anything else', () => {
    const r = 'arn:aws:iam::111122223333:role/Dev';
    const p = 'arn:aws:iam::111122223333:saml-provider/Okta';
    expect(parseRolePairs([`${r},${p}`, `${p}, ${r}`, 'junk', `${r},${r}`])).toEqual([
      { roleArn: r, principalArn: p },
      { roleArn: r, principalArn: p },
    ]);
    expect(parseSessionDuration(['3600'])).toBe(3600);
    expect(parseSessionDuration(['1h'])).toBeUndefined();
  });
});

describe('parseIdpMetadata', () => {
  it('reads entity id, redirect SSO URL and signing certificates; refuses a DOCTYPE', () => {
    const md = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="urn:idp"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
<md:KeyDescriptor use="encryption"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>ENC</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>SIGN</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp/post"/>
<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp/redirect"/></md:IDPSSODescriptor></md:EntityDescriptor>`;
    const d = parseIdpMetadata(md);
    expect(d.entityId).toBe('urn:idp');
    expect(d.ssoUrl).toBe('https://idp/redirect');
    expect(d.certs).toEqual(['-----BEGIN CERTIFICATE-----\nSIGN\n-----END CERTIFICATE-----']);
    expect(() => parseIdpMetadata(`<!DOCTYPE x>${md}`)).toThrow(/DOCTYPE/);
  });
});

describe('explainSamlFailure', () => {
  it('says what happened and what to do', () => {
    expect(explainSamlFailure('expired', { purpose: 'issuance' })).toMatch(/expired .*try again/);
    expect(explainSamlFailure('role_missing', { purpose: 'issuance' })).toMatch(/did not include this role/);
    expect(samlErrorMessage('replayed', 'sign-in')).toMatch(/already used/);
    expect(samlErrorMessage('<script>', 'sign-in')).toBeNull();
  });
});

describe('SAML group paths (Keycloak "Full group path")', () => {
  const facts = { id: '_a', issuer: 'i', nameId: 'n', nameIdFormat: null, issueInstant: null, notOnOrAfter: null, audiences: [], audienceRestrictions: [], recipients: [], inResponseTo: [], attributes: { member: ['/eng/oncall', '/eng'] } };
  it('are kept whole by default', () => {
    expect(samlIdentity(facts, 'member').groups).toEqual(['/eng/oncall', '/eng']);
  });
  it('are stripped to the last segment when configured', () => {
    expect(samlIdentity(facts, 'member', 'strip').groups).toEqual(['oncall', 'eng']);
  });
});
