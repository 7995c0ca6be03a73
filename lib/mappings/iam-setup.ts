// Pure: the whole IAM setup a broker-mode role needs, as the admin pastes it — the OIDC provider
// (AWS CLI create-open-id-connect-provider; IAM User Guide "Create an OpenID Connect (OIDC)
// identity provider in IAM": the URL is the issuer, the client id list holds the audience), and
// the role's trust policy, as an AWS CLI command, Terraform (aws_iam_openid_connect_provider,
// aws_iam_role) and CloudFormation (AWS::IAM::OIDCProvider, AWS::IAM::Role).
import { shellQuote } from './trust-policy';

export interface IamSetupInput {
  issuer: string;
  audience: string;
  roleArn: string;
  policy: object;
}

function roleNameOf(roleArn: string): string {
  return roleArn.split('/').pop() ?? '';
}

function rolePathOf(roleArn: string): string {
  const parts = roleArn.split(':').slice(5).join(':').split('/');
  return parts.length <= 2 ? '/' : `/${parts.slice(1, -1).join('/')}/`;
}

export function createOidcProviderCommand(opts: { issuer: string; audience: string }): string {
  return `aws iam create-open-id-connect-provider --url ${shellQuote(opts.issuer)} --client-id-list ${shellQuote(opts.audience)}`;
}

/** SAML broker mode: registers Keyport's SAML metadata as the IAM SAML provider. */
export function createSamlProviderCommand(opts: { metadataUrl: string; name: string }): string {
  return `curl -fsS ${shellQuote(opts.metadataUrl)} -o keyport-saml-metadata.xml && aws iam create-saml-provider --name ${shellQuote(opts.name)} --saml-metadata-document file://keyport-saml-metadata.xml`;
}

export function terraformSnippet(opts: IamSetupInput): string {
  const name = roleNameOf(opts.roleArn);
  const id = name.replace(/[^A-Za-z0-9_]/g, '_');
  return [
    'resource "aws_iam_openid_connect_provider" "keyport" {',
    `  url            = ${JSON.stringify(opts.issuer)}`,
    `  client_id_list = [${JSON.stringify(opts.audience)}]`,
    '}',
    '',
    `resource "aws_iam_role" ${JSON.stringify(id)} {`,
    `  name               = ${JSON.stringify(name)}`,
    `  path               = ${JSON.stringify(rolePathOf(opts.roleArn))}`,
    `  assume_role_policy = jsonencode(${JSON.stringify(opts.policy, null, 2).replace(/\n/g, '\n  ')})`,
    '}',
  ].join('\n');
}

export function cloudFormationSnippet(opts: IamSetupInput): string {
  const name = roleNameOf(opts.roleArn);
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      KeyportOidcProvider: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: opts.issuer, ClientIdList: [opts.audience] } },
      [name.replace(/[^A-Za-z0-9]/g, '') || 'Role']: {
        Type: 'AWS::IAM::Role',
        Properties: { RoleName: name, Path: rolePathOf(opts.roleArn), AssumeRolePolicyDocument: opts.policy },
      },
    },
  };
  return JSON.stringify(template, null, 2);
}
