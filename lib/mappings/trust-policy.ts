// Pure: the IAM trust policy a role needs so that Keyport's users can assume it, exactly as
// sandbox AWS and AWS evaluate it.
import { awsSignInSamlUrl } from '@/lib/saml/aws-saml-endpoints';
export function issuerHostPath(issuer: string): string {
  return issuer.replace(/^https?:\/\//, '').replace(/\/+$/, '');
}

export function oidcProviderArn(opts: { partition: string; accountId: string; issuer: string }): string {
  return `arn:${opts.partition}:iam::${opts.accountId}:oidc-provider/${issuerHostPath(opts.issuer)}`;
}

export function oidcTrustPolicy(opts: { partition: string; accountId: string; issuer: string; clientId: string }) {
  const provider = issuerHostPath(opts.issuer);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: oidcProviderArn(opts) },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${provider}:aud`]: opts.clientId } },
      },
    ],
  };
}

/** One line for error messages: the condition the role must carry. */
export function oidcTrustSummary(opts: { partition: string; accountId: string; issuer: string; clientId: string }): string {
  return `Federated "${oidcProviderArn(opts)}", Action "sts:AssumeRoleWithWebIdentity", Condition StringEquals "${issuerHostPath(opts.issuer)}:aud" = "${opts.clientId}"`;
}

export type TrustPartition = 'aws' | 'aws-cn' | 'aws-us-gov';

/**
 * The `SAML:aud` a role trusts: AWS fills it from the assertion's Recipient, which AWS accepts only
 * as its sign-in URL (lib/saml/aws-saml-endpoints.ts, with the AWS documents cited there). The
 * global URL of the role's partition; an IdP set to a regional one needs that URL here instead.
 */
export function samlAudience(partition: TrustPartition): string {
  return awsSignInSamlUrl(partition);
}

export function samlTrustStatement(opts: { partition: TrustPartition; samlProviderArn: string }) {
  return {
    Effect: 'Allow',
    Principal: { Federated: opts.samlProviderArn },
    Action: 'sts:AssumeRoleWithSAML',
    Condition: { StringEquals: { 'SAML:aud': samlAudience(opts.partition) } },
  };
}

export interface TrustPolicyInput {
  idpKind: 'OIDC' | 'SAML' | 'BOTH';
  roleArn: string;
  issuer: string;
  clientId: string;
  samlProviderArn: string | null;
}

/**
 * The complete trust policy a mapping's role needs: the OIDC statement, the SAML statement, or
 * both. Null when the role ARN cannot be read (the editor shows the ARN error instead).
 */
/** Where a mapping's role accepts SAML passthrough: the Recipient its IdP must send, or null for an unreadable ARN. */
export function samlRecipientFor(roleArn: string): string | null {
  const m = /^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:role\//.exec(roleArn);
  return m?.[1] ? samlAudience(m[1] as TrustPartition) : null;
}

export function trustPolicyFor(opts: TrustPolicyInput) {
  const m = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\//.exec(opts.roleArn);
  if (!m?.[1] || !m[2]) return null;
  const partition = m[1] as TrustPartition;
  const statements: Array<ReturnType<typeof oidcTrustPolicy>['Statement'][number] | ReturnType<typeof samlTrustStatement>> = [];
  if (opts.idpKind !== 'SAML') statements.push(...oidcTrustPolicy({ partition, accountId: m[2], issuer: opts.issuer, clientId: opts.clientId }).Statement);
  if (opts.idpKind !== 'OIDC') {
    if (!opts.samlProviderArn) return null;
    statements.push(samlTrustStatement({ partition, samlProviderArn: opts.samlProviderArn }));
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** POSIX shell single-quoting: the text comes back exactly, whatever it holds. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The AWS CLI command that puts a trust policy on a role (IAM addresses roles by name). */
export function updateAssumeRolePolicyCommand(opts: { roleArn: string; policy: object }): string {
  const name = opts.roleArn.split('/').pop() ?? '';
  return `aws iam update-assume-role-policy --role-name ${shellQuote(name)} --policy-document ${shellQuote(JSON.stringify(opts.policy))}`;
}
