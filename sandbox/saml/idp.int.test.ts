// The sandbox SAML IdP over HTTP: metadata at a URL, SP-initiated SSO for registered service
// providers only, the sign-in page, and a signed response posted back to the registered ACS.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdpMetadata } from '../../lib/saml/parse-idp-metadata';
import { DEMO_PEOPLE } from '../people';
import { sandboxAwsRolesFor } from './aws-roles';
import { AWS_SIGNIN_SAML, AWS_SP_ENTITY_ID, startSamlIdp, type SamlIdp } from './idp';

const ACS = 'http://localhost:3999/api/saml/acs';
let idp: SamlIdp;
beforeAll(async () => {
  idp = await startSamlIdp({
    people: DEMO_PEOPLE,
    sps: [
      { entityId: 'http://localhost:3999/api/saml/metadata', name: 'Keyport', acsUrls: [ACS], audience: 'http://localhost:3999/api/saml/metadata', recipient: 'acs', aws: false },
      { entityId: AWS_SP_ENTITY_ID, name: 'AWS', acsUrls: [ACS], audience: AWS_SIGNIN_SAML, recipient: AWS_SIGNIN_SAML, aws: true },
    ],
    awsRolesFor: sandboxAwsRolesFor,
    sessionDurationSeconds: 3600,
  });
});
afterAll(async () => idp?.close());

const authnRequest = (issuer: string, acs = ACS) =>
  deflateRawSync(
    Buffer.from(
      `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_req42" Version="2.0" IssueInstant="${new Date().toISOString()}" AssertionConsumerServiceURL="${acs}"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${issuer}</saml:Issuer></samlp:AuthnRequest>`,
    ),
  ).toString('base64');

describe('sandbox SAML IdP', () => {
  it('serves metadata with its signing certificate and SSO URL', async () => {
    const md = parseIdpMetadata(await (await fetch(`${idp.url}/metadata`)).text());
    expect(md.entityId).toBe(idp.entityId);
    expect(md.ssoUrl).toBe(idp.ssoUrl);
    expect(md.certs[0]?.replace(/\s/g, '')).toBe(idp.certPem.replace(/\s/g, ''));
  });

  it('refuses unknown service providers and unregistered ACS URLs', async () => {
    const unknown = await fetch(`${idp.url}/sso?SAMLRequest=${encodeURIComponent(authnRequest('urn:evil'))}`);
    expect(unknown.status).toBe(400);
    const elsewhere = await fetch(`${idp.url}/sso?SAMLRequest=${encodeURIComponent(authnRequest(AWS_SP_ENTITY_ID, 'https://evil.example/acs'))}`);
    expect(elsewhere.status).toBe(400);
  });

  it('signs a SAML-only person in and posts an AWS response with their role, session name and duration', async () => {
    const req = authnRequest(AWS_SP_ENTITY_ID);
    const page = await fetch(`${idp.url}/sso?SAMLRequest=${encodeURIComponent(req)}`);
    expect(await page.text()).toContain('Sign in to continue to <strong>AWS</strong>');
    const wrong = await fetch(`${idp.url}/sso/login`, { method: 'POST', body: new URLSearchParams({ SAMLRequest: req, username: 'sam', password: 'nope' }) });
    expect(wrong.status).toBe(401);
    const ok = await fetch(`${idp.url}/sso/login`, { method: 'POST', body: new URLSearchParams({ SAMLRequest: req, username: 'sam', password: 'sam-sandbox' }) });
    const html = await ok.text();
    expect(html).toContain(`action="${ACS}"`);
    const b64 = /name="SAMLResponse" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const xml = Buffer.from(b64, 'base64').toString('utf8');
    expect(xml).toContain('InResponseTo="_req42"');
    expect(xml).toContain(`<saml:Audience>${AWS_SIGNIN_SAML}</saml:Audience>`);
    expect(xml).toContain(`Recipient="${AWS_SIGNIN_SAML}"`);
    expect(xml).toContain('arn:aws:iam::111122223333:role/SamlDeveloper,arn:aws:iam::111122223333:saml-provider/KeyportSandboxSaml');
    expect(xml).toContain('<saml:AttributeValue>sam@example.com</saml:AttributeValue>');
    expect(xml).toContain('<saml:AttributeValue>3600</saml:AttributeValue>');
    expect(xml).toContain('<ds:Signature');
  });

  it('refuses people it does not know', async () => {
    const res = await fetch(`${idp.url}/sso/login`, { method: 'POST', body: new URLSearchParams({ SAMLRequest: authnRequest(AWS_SP_ENTITY_ID), username: 'nobody', password: 'x' }) });
    expect(res.status).toBe(401);
  });
});

describe('sandbox SAML IdP key kept in its data folder', () => {
  const sps = [{ entityId: 'http://localhost:3999/api/saml/metadata', name: 'Keyport', acsUrls: [ACS], audience: 'http://localhost:3999/api/saml/metadata', recipient: 'acs' as const, aws: false }];

  it('keeps a good certificate across restarts and replaces one that does not parse, saying so', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'keyport-saml-state-'));
    const statePath = path.join(dir, 'saml-idp-key.json');
    try {
      const warnings: string[] = [];
      const first = await startSamlIdp({ people: DEMO_PEOPLE, sps, awsRolesFor: sandboxAwsRolesFor, statePath, warn: (m) => warnings.push(m) });
      const certPem = first.certPem;
      await first.close();
      const second = await startSamlIdp({ people: DEMO_PEOPLE, sps, awsRolesFor: sandboxAwsRolesFor, statePath, warn: (m) => warnings.push(m) });
      expect(second.certPem).toBe(certPem);
      await second.close();
      expect(warnings).toEqual([]);

      // A stored certificate OpenSSL refuses, as the old hand-built encoder could leave one
      // (here the TBSCertificate's SEQUENCE tag turned into an INTEGER's).
      const stored = JSON.parse(readFileSync(statePath, 'utf8')) as { privateKeyPem: string; certPem: string };
      const der = Buffer.from(stored.certPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
      der[4] = 0x02;
      const badPem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
      expect(() => new X509Certificate(badPem)).toThrow();
      writeFileSync(statePath, JSON.stringify({ ...stored, certPem: badPem }));

      const third = await startSamlIdp({ people: DEMO_PEOPLE, sps, awsRolesFor: sandboxAwsRolesFor, statePath, warn: (m) => warnings.push(m) });
      await third.close();
      expect(warnings).toEqual([`sandbox SAML IdP: the stored signing certificate in ${statePath} does not parse; replaced it with a new key and certificate`]);
      expect(new X509Certificate(third.certPem).subject).toBe('CN=Keyport sandbox SAML IdP');
      expect((JSON.parse(readFileSync(statePath, 'utf8')) as { certPem: string }).certPem).toBe(third.certPem);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
