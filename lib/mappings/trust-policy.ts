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
