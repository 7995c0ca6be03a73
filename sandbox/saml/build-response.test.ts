import { generateKeyPairSync } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import { parseIdpMetadata } from '../../lib/saml/parse-idp-metadata';
import { readAssertion } from '../../lib/saml/read-assertion';
import { signedResponse } from './build-response';
import { selfSignedCertificate } from './certificate';
import { metadataXml, samlSubjectFor } from './idp';
import { sandboxAwsRolesFor } from './aws-roles';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const key = { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), certPem: selfSignedCertificate({ privateKey, commonName: 'unit' }) };

describe('sandbox SAML IdP building blocks', () => {
  it('signs the assertion so that its own certificate (from the metadata) verifies it', () => {
    const r = signedResponse(
      { issuer: 'http://idp/metadata', destination: 'http://sp/acs', recipient: 'http://sp/acs', audience: 'http://sp', inResponseTo: '_r', nameId: samlSubjectFor('sam'), attributes: { groups: ['a', 'b'] } },
      key,
    );
    const md = parseIdpMetadata(metadataXml({ entityId: 'http://idp/metadata', ssoUrl: 'http://idp/sso', certPem: key.certPem }));
    const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(r.xml)?.[0] ?? '';
    const sig = new SignedXml({ publicCert: md.certs[0] });
    sig.loadSignature(signature);
    expect(sig.checkSignature(r.xml)).toBe(true);
    const signed = sig.getSignedReferences()[0] ?? '';
    expect(readAssertion(signed)).toMatchObject({ id: r.assertionId, nameId: samlSubjectFor('sam'), attributes: { groups: ['a', 'b'] } });
  });

  it('maps the SAML demo group to the sandbox SAML role and provider', () => {
    expect(sandboxAwsRolesFor(['saml-engineering', 'marketing'])).toEqual(['arn:aws:iam::111122223333:role/SamlDeveloper,arn:aws:iam::111122223333:saml-provider/KeyportSandboxSaml']);
    expect(sandboxAwsRolesFor(['engineering'])).toEqual([]);
  });
});
