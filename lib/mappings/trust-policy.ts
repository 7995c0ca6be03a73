// Pure: the IAM trust policy a role needs so that Keyport's users can assume it, exactly as
// sandbox AWS and AWS evaluate it.
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

/** Where each partition's console sends SAML responses: the audience AWS checks in SAML:aud. */
export function samlAudience(partition: TrustPartition): string {
  if (partition === 'aws-cn') return 'https://signin.amazonaws.cn/saml';
  if (partition === 'aws-us-gov') return 'https://signin.amazonaws-us-gov.com/saml';
  return 'https://signin.aws.amazon.com/saml';
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
