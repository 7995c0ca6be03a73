import { describe, expect, it } from 'vitest';
import { cloudFormationSnippet, createOidcProviderCommand, createSamlProviderCommand, terraformSnippet } from './iam-setup';
import { trustPolicyFor } from './trust-policy';

const roleArn = 'arn:aws:iam::444455556666:role/platform/ProdAdmin';
const broker = { issuer: 'https://keyport.example.com/oidc', audience: 'sts.amazonaws.com' };
const policy = trustPolicyFor({ idpKind: 'OIDC', roleArn, issuer: 'https://idp', clientId: 'k', samlProviderArn: null, broker }) ?? {};

describe('IAM setup snippets', () => {
  it('registers the issuer with its audience', () => {
    expect(createOidcProviderCommand(broker)).toBe("aws iam create-open-id-connect-provider --url 'https://keyport.example.com/oidc' --client-id-list 'sts.amazonaws.com'");
  });

  it("registers Keyport's SAML metadata as a SAML provider", () => {
    expect(createSamlProviderCommand({ metadataUrl: 'https://keyport.example.com/saml-idp/metadata', name: 'KeyportBroker' })).toBe(
      "curl -fsS 'https://keyport.example.com/saml-idp/metadata' -o keyport-saml-metadata.xml && aws iam create-saml-provider --name 'KeyportBroker' --saml-metadata-document file://keyport-saml-metadata.xml",
    );
  });

  it('quotes what it cannot trust', () => {
    expect(createOidcProviderCommand({ issuer: "https://x/'; rm -rf /", audience: 'a' })).toContain("'https://x/'\\''; rm -rf /'");
  });

  it('Terraform carries the provider and exactly the trust policy', () => {
    const tf = terraformSnippet({ ...broker, roleArn, policy });
    expect(tf).toContain('resource "aws_iam_openid_connect_provider" "keyport"');
    expect(tf).toContain('url            = "https://keyport.example.com/oidc"');
    expect(tf).toContain('path               = "/platform/"');
    const json = tf.slice(tf.indexOf('jsonencode(') + 'jsonencode('.length, tf.lastIndexOf(')'));
    expect(JSON.parse(json)).toEqual(policy);
  });

  it('CloudFormation carries the provider and exactly the trust policy', () => {
    const cf = JSON.parse(cloudFormationSnippet({ ...broker, roleArn, policy })) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    expect(cf.Resources['KeyportOidcProvider']).toEqual({ Type: 'AWS::IAM::OIDCProvider', Properties: { Url: broker.issuer, ClientIdList: ['sts.amazonaws.com'] } });
    expect(cf.Resources['ProdAdmin']?.Properties).toEqual({ RoleName: 'ProdAdmin', Path: '/platform/', AssumeRolePolicyDocument: policy });
  });
});
