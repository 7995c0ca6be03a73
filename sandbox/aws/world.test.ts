import { describe, expect, it } from 'vitest';
import raw from '../world.json';
import { oidcProviderArn, parseWorld, roleNameOf, rolePathOf, samlProviderArn, withoutScheme } from './world';

const VARS = { OIDC_ISSUER: 'http://localhost:4001', OIDC_CLIENT_ID: 'keyport', BROKER_ISSUER: 'http://localhost:3000/oidc' };
const WITH_SAML = { ...VARS, SAML_METADATA_URL: 'http://localhost:4002/metadata' };
type Doc = Record<string, unknown> & { roles: Array<Record<string, unknown>> };
const clone = (): Doc => JSON.parse(JSON.stringify(raw)) as Doc;

describe('the world file', () => {
  it('loads sandbox/world.json with its placeholders substituted', () => {
    const world = parseWorld(raw, WITH_SAML);
    expect(world.accounts.map((a) => a.id)).toEqual(['111122223333', '444455556666', '777788889999']);
    expect(world.oidcProviders[0]).toMatchObject({ url: 'http://localhost:4001', clientIds: ['keyport'] });
    const role = world.roles.find((r) => r.arn.endsWith('/DevReadOnly'));
    expect(role?.maxSessionDuration).toBe(14400);
    expect(JSON.stringify(role?.trustPolicy)).toContain('"arn:aws:iam::111122223333:oidc-provider/localhost:4001"');
    expect(JSON.stringify(role?.trustPolicy)).toContain('"localhost:4001:aud":"keyport"');
    expect(world.iamAdmins.map((a) => a.accessKeyId)).toEqual(['AKIASANDBOXADMIN0001', 'AKIASANDBOXADMIN0002', 'AKIASANDBOXADMIN0003']);
    // The comment talks about the placeholders and is left alone.
    expect(world.$comment).toContain('${OIDC_ISSUER}');
  });

  it('leaves IAM policy variables alone and fills SAML_METADATA_URL only when given', () => {
    const doc = clone();
    doc.roles[0]!['inlinePolicies'] = { own: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::${aws:username}/*' }] } };
    doc['samlProviders'] = [{ account: '111122223333', name: 'Idp', metadataUrl: '${SAML_METADATA_URL}' }];
    expect(() => parseWorld(doc, VARS)).toThrow(/SAML_METADATA_URL/);
    const world = parseWorld(doc, { ...VARS, SAML_METADATA_URL: 'http://localhost:4002/metadata' });
    expect(world.samlProviders[0]?.metadataUrl).toBe('http://localhost:4002/metadata');
    expect(JSON.stringify(world.roles[0]?.inlinePolicies)).toContain('${aws:username}');
  });

  it.each([
    ['an unknown account', (d: Doc) => d.roles.push({ ...d.roles[0], arn: 'arn:aws:iam::999999999999:role/X' }), /unknown account/],
    ['a duplicate role name', (d: Doc) => d.roles.push({ ...d.roles[0], arn: 'arn:aws:iam::111122223333:role/x/DevReadOnly' }), /also used/],
    ['a broken trust policy', (d: Doc) => (d.roles[0]!['trustPolicy'] = { Statement: [{ Effect: 'Allow', Action: 'sts:*' }] }), /Principal/],
    ['a bad max duration', (d: Doc) => (d.roles[0]!['maxSessionDuration'] = 60), /maxSessionDuration/],
    ['a bad admin key id', (d: Doc) => (d['iamAdmins'] = [{ account: '111122223333', userName: 'a', accessKeyId: 'AKIA1', secretAccessKey: 'x'.repeat(40) }]), /AKIA/],
  ])('refuses %s with a readable message', (_name, mutate, message) => {
    const doc = clone();
    mutate(doc);
    expect(() => parseWorld(doc, WITH_SAML)).toThrow(message);
  });

  it('names roles and providers like IAM', () => {
    expect(roleNameOf('arn:aws:iam::1:role/platform/ProdAdmin')).toBe('ProdAdmin');
    expect(rolePathOf('arn:aws:iam::1:role/platform/ProdAdmin')).toBe('/platform/');
    expect(rolePathOf('arn:aws:iam::1:role/Dev')).toBe('/');
    expect(withoutScheme('https://idp.example.com/realms/x')).toBe('idp.example.com/realms/x');
    expect(oidcProviderArn({ account: '1', url: 'https://idp.example.com' })).toBe('arn:aws:iam::1:oidc-provider/idp.example.com');
    expect(samlProviderArn({ account: '1', name: 'Okta' })).toBe('arn:aws:iam::1:saml-provider/Okta');
  });
});
