// Pure: the IAM trust policy a role needs so that Keyport's users can assume it, exactly as
// sandbox AWS and AWS evaluate it — in passthrough mode (the IdP's token goes to AWS) or in
// broker mode (Keyport's own token, minted for this role).
import { brokerSubjectPattern } from '@/lib/broker/broker-subject';
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

/**
 * Broker mode: the role trusts Keyport's own OIDC provider, and only tokens Keyport minted for
 * this very role (`<issuer>:sub` StringLike `role:<roleArn>:person:*`, lib/broker/broker-subject.ts).
 * sts:TagSession and sts:SetSourceIdentity are needed because the tokens carry session tags and a
 * source identity (IAM User Guide, "Permissions required to add session tags";
 * "Permissions required to set source identity",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html).
 * `<issuer>:aud` is checked by AWS against the provider's client ids too; the condition keeps the
 * role to Keyport's audience should the provider ever list another.
 */
export function brokerTrustStatement(opts: { partition: string; accountId: string; issuer: string; audience: string; roleArn: string }) {
  const provider = issuerHostPath(opts.issuer);
  return {
    Effect: 'Allow',
    Principal: { Federated: oidcProviderArn(opts) },
    Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity'],
    Condition: {
      StringEquals: { [`${provider}:aud`]: opts.audience },
      StringLike: { [`${provider}:sub`]: brokerSubjectPattern(opts.roleArn) },
    },
  };
}

/** One line for error messages: what a broker-mode role must trust. */
export function brokerTrustSummary(opts: { partition: string; accountId: string; issuer: string; audience: string; roleArn: string }): string {
  const provider = issuerHostPath(opts.issuer);
  return `Federated "${oidcProviderArn(opts)}", Actions "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity", Condition StringEquals "${provider}:aud" = "${opts.audience}" and StringLike "${provider}:sub" = "${brokerSubjectPattern(opts.roleArn)}"`;
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
  /** Set in broker mode: Keyport's issuer and audience replace the IdP's for OIDC. */
  broker?: { issuer: string; audience: string } | null;
  /** SAML broker mode: `samlProviderArn` is Keyport's own SAML provider, whose assertions carry tags and SourceIdentity. */
  samlBroker?: boolean;
}

/**
 * SAML broker mode: the role trusts Keyport's own SAML provider; the assertion's Role attribute
 * names this role only, and AWS assumes only a role the assertion names (IAM User Guide,
 * "Configure SAML assertions for the authentication response"). Tags and SourceIdentity need
 * sts:TagSession and sts:SetSourceIdentity.
 */
export function samlBrokerTrustStatement(opts: { partition: TrustPartition; samlProviderArn: string }) {
  return {
    Effect: 'Allow',
    Principal: { Federated: opts.samlProviderArn },
    Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession', 'sts:SetSourceIdentity'],
    Condition: { StringEquals: { 'SAML:aud': samlAudience(opts.partition) } },
  };
}

/** Where a mapping's role accepts SAML passthrough: the Recipient its IdP must send, or null for an unreadable ARN. */
export function samlRecipientFor(roleArn: string): string | null {
  const m = /^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:role\//.exec(roleArn);
  return m?.[1] ? samlAudience(m[1] as TrustPartition) : null;
}

/**
 * The complete trust policy a mapping's role needs. Passthrough: the OIDC statement, the SAML
 * statement, or both. Broker: Keyport's own statement only, whatever the person signs in with (the
 * IdP then only signs people in to Keyport). Null when the role ARN cannot be read (the editor
 * shows the ARN error instead).
 */
export function trustPolicyFor(opts: TrustPolicyInput) {
  const m = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\//.exec(opts.roleArn);
  if (!m?.[1] || !m[2]) return null;
  const partition = m[1] as TrustPartition;
  const statements: Array<ReturnType<typeof oidcTrustPolicy>['Statement'][number] | ReturnType<typeof samlTrustStatement> | ReturnType<typeof brokerTrustStatement> | ReturnType<typeof samlBrokerTrustStatement>> = [];
  if (opts.samlBroker) {
    if (!opts.samlProviderArn) return null;
    return { Version: '2012-10-17', Statement: [samlBrokerTrustStatement({ partition, samlProviderArn: opts.samlProviderArn })] };
  }
  if (opts.broker) statements.push(brokerTrustStatement({ partition, accountId: m[2], issuer: opts.broker.issuer, audience: opts.broker.audience, roleArn: opts.roleArn }));
  else if (opts.idpKind !== 'SAML') statements.push(...oidcTrustPolicy({ partition, accountId: m[2], issuer: opts.issuer, clientId: opts.clientId }).Statement);
  if (opts.idpKind !== 'OIDC' && !opts.broker) {
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
