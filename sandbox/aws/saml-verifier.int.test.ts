// The sandbox AWS checks SAML assertions like AWS: signature against the registered provider's
// metadata, audience, Recipient, expiry, and the Role attribute pairing role and provider.
import { generateKeyPairSync } from 'node:crypto';
import { AssumeRoleWithSAMLCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../saml/certificate';
import { signedResponse, type ResponseInput } from '../saml/build-response';
import { metadataXml } from '../saml/idp';
import { failure, startHarness, type Harness } from './testing';

const ENTITY = 'https://idp.test/metadata';
const PROVIDER = 'arn:aws:iam::111122223333:saml-provider/KeyportSandboxSaml';
const OTHER_PROVIDER = 'arn:aws:iam::111122223333:saml-provider/SomeoneElse';
const ROLE = 'arn:aws:iam::111122223333:role/SamlDeveloper';
const AWS = 'https://signin.aws.amazon.com/saml';

function keyPair(cn: string) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), certPem: selfSignedCertificate({ privateKey, commonName: cn }) };
}
const idpKey = keyPair('test IdP');
const attackerKey = keyPair('attacker');

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    mutateWorld: (raw) => {
      raw['samlProviders'] = [
        { account: '111122223333', name: 'KeyportSandboxSaml', metadataXml: metadataXml({ entityId: ENTITY, ssoUrl: 'https://idp.test/sso', certPem: idpKey.certPem }) },
        { account: '111122223333', name: 'SomeoneElse', metadataXml: metadataXml({ entityId: ENTITY, ssoUrl: 'https://idp.test/sso', certPem: idpKey.certPem }) },
      ];
    },
  });
});
afterAll(async () => h?.close());

const input = (over: Partial<ResponseInput> = {}): ResponseInput => ({
  issuer: ENTITY,
  destination: 'http://localhost:3000/api/saml/acs',
  recipient: AWS,
  audience: AWS,
  inResponseTo: '_req1',
  nameId: 'sam-persistent-id',
  attributes: {
    'https://aws.amazon.com/SAML/Attributes/Role': [`${ROLE},${PROVIDER}`],
    'https://aws.amazon.com/SAML/Attributes/RoleSessionName': ['sam@example.com'],
  },
  ...over,
});

const call = (assertion: string, principal = PROVIDER) =>
  h.anonSts().send(new AssumeRoleWithSAMLCommand({ RoleArn: ROLE, PrincipalArn: principal, SAMLAssertion: assertion, DurationSeconds: 900 }));

describe('sandbox AWS AssumeRoleWithSAML with the real verifier', () => {
  it('accepts an assertion signed by the provider, and the keys work', async () => {
    const out = await call(signedResponse(input(), idpKey).base64);
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111122223333:assumed-role/SamlDeveloper/sam@example.com');
    expect(out.Audience).toBe(AWS);
    expect(await h.whoami(out.Credentials ?? {})).toBe(out.AssumedRoleUser?.Arn);
  });

  it('refuses a tampered assertion (InvalidIdentityToken)', async () => {
    const { xml } = signedResponse(input(), idpKey);
    const tampered = xml.replace('sam@example.com', 'root@example.com');
    const before = h.aws.issuedSessions().length;
    expect((await failure(() => call(Buffer.from(tampered).toString('base64')))).name).toBe('InvalidIdentityTokenException');
    expect(h.aws.issuedSessions().length).toBe(before);
  });

  it('refuses an assertion signed by another key that ships its own certificate', async () => {
    expect((await failure(() => call(signedResponse(input(), attackerKey).base64))).name).toBe('InvalidIdentityTokenException');
  });

  it('refuses a Role attribute that pairs the role with another provider (AccessDenied)', async () => {
    const other = input({ attributes: { ...input().attributes, 'https://aws.amazon.com/SAML/Attributes/Role': [`${ROLE},${OTHER_PROVIDER}`] } });
    expect((await failure(() => call(signedResponse(other, idpKey).base64))).name).toBe('AccessDenied');
  });

  it('refuses an expired assertion (ExpiredTokenException), a wrong Recipient and a wrong audience', async () => {
    const expired = input({ now: new Date(Date.now() - 3600_000), ttlSeconds: 300 });
    expect((await failure(() => call(signedResponse(expired, idpKey).base64))).name).toBe('ExpiredTokenException');
    expect((await failure(() => call(signedResponse(input({ recipient: 'https://evil.example/saml' }), idpKey).base64))).name).toBe('InvalidIdentityTokenException');
    expect((await failure(() => call(signedResponse(input({ audience: 'https://evil.example/saml' }), idpKey).base64))).name).toBe('AccessDenied');
  });

  it('accepts the audience IdPs set up from AWS\'s metadata send (urn:amazon:webservices), answering the Recipient as Audience', async () => {
    const out = await call(signedResponse(input({ audience: 'urn:amazon:webservices' }), idpKey).base64);
    expect(out.Audience).toBe(AWS);
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111122223333:assumed-role/SamlDeveloper/sam@example.com');
  });

  it('refuses an assertion whose Recipient is the ACS it was posted to, as SimpleSAMLphp, ADFS or Entra ID send it (InvalidIdentityToken)', async () => {
    const before = h.aws.issuedSessions().length;
    const viaPortal = input({ audience: 'urn:amazon:webservices', recipient: 'http://localhost:3000/api/saml/acs' });
    expect((await failure(() => call(signedResponse(viaPortal, idpKey).base64))).name).toBe('InvalidIdentityTokenException');
    expect(h.aws.issuedSessions().length).toBe(before);
  });

  it('refuses another partition\'s audience for a commercial provider (AccessDenied)', async () => {
    expect((await failure(() => call(signedResponse(input({ audience: 'urn:amazon:webservices:govcloud' }), idpKey).base64))).name).toBe('AccessDenied');
    expect((await failure(() => call(signedResponse(input({ audience: 'https://signin.amazonaws.cn/saml' }), idpKey).base64))).name).toBe('AccessDenied');
  });

  it('matches the Recipient as SAML:aud: a regional Recipient is refused by a trust policy naming the global URL', async () => {
    const regional = input({ recipient: 'https://eu-west-1.signin.aws.amazon.com/saml' });
    expect((await failure(() => call(signedResponse(regional, idpKey).base64))).name).toBe('AccessDenied');
  });

  it('refuses a DOCTYPE payload without parsing it', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>`;
    expect((await failure(() => call(Buffer.from(xml).toString('base64')))).name).toBe('InvalidIdentityTokenException');
  });
});
