import { describe, expect, it } from 'vitest';
import { parsePolicy } from '@/sandbox/aws/policy';
import { oidcTrustPolicy, oidcTrustSummary, samlAudience, samlRecipientFor, shellQuote, trustPolicyFor, updateAssumeRolePolicyCommand } from './trust-policy';

describe('oidcTrustPolicy', () => {
  it('trusts the OIDC provider of the issuer with an audience condition', () => {
    const p = oidcTrustPolicy({ partition: 'aws', accountId: '111122223333', issuer: 'https://login.example.com/oauth2/default/', clientId: 'keyport' });
    expect(p.Statement[0]).toEqual({
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/login.example.com/oauth2/default' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'login.example.com/oauth2/default:aud': 'keyport' } },
    });
  });

  it('summarises the condition for error messages', () => {
    expect(oidcTrustSummary({ partition: 'aws', accountId: '1', issuer: 'http://localhost:4001', clientId: 'k' })).toContain('"localhost:4001:aud" = "k"');
  });
});

describe('trustPolicyFor', () => {
  const base = { roleArn: 'arn:aws:iam::111122223333:role/team/Dev', issuer: 'https://idp.example.com', clientId: 'keyport', samlProviderArn: 'arn:aws:iam::111122223333:saml-provider/Company' };

  it('makes the SAML statement with the partition console audience', () => {
    expect(trustPolicyFor({ ...base, idpKind: 'SAML' })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Company' },
          Action: 'sts:AssumeRoleWithSAML',
          Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        },
      ],
    });
    expect(samlAudience('aws-cn')).toBe('https://signin.amazonaws.cn/saml');
    expect(samlAudience('aws-us-gov')).toBe('https://signin.amazonaws-us-gov.com/saml');
  });

  it('trusts both providers for BOTH and only OIDC for OIDC', () => {
    expect(trustPolicyFor({ ...base, idpKind: 'BOTH' })?.Statement.map((s) => s.Action)).toEqual(['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML']);
    expect(trustPolicyFor({ ...base, idpKind: 'OIDC' })).toEqual(oidcTrustPolicy({ partition: 'aws', accountId: '111122223333', issuer: base.issuer, clientId: 'keyport' }));
    expect(trustPolicyFor({ ...base, idpKind: 'SAML', samlProviderArn: null })).toBeNull();
    expect(trustPolicyFor({ ...base, roleArn: 'not an arn', idpKind: 'OIDC' })).toBeNull();
  });

  it('is a trust policy the sandbox AWS policy parser accepts, for every kind', () => {
    for (const idpKind of ['OIDC', 'SAML', 'BOTH'] as const) expect(() => parsePolicy(trustPolicyFor({ ...base, idpKind }), 'trust')).not.toThrow();
  });

  it('prints the update-assume-role-policy command with the role name and safely quoted JSON', () => {
    const policy = trustPolicyFor({ ...base, idpKind: 'OIDC', clientId: "it's" })!;
    const cmd = updateAssumeRolePolicyCommand({ roleArn: base.roleArn, policy });
    expect(cmd.startsWith("aws iam update-assume-role-policy --role-name 'Dev' --policy-document '")).toBe(true);
    expect(cmd).toContain(`"idp.example.com:aud":"it'\\''s"`);
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });
});

describe('samlRecipientFor', () => {
  it("names the role's partition's sign-in URL, the Recipient AWS accepts and the SAML:aud it matches", () => {
    expect(samlRecipientFor('arn:aws:iam::111122223333:role/A')).toBe('https://signin.aws.amazon.com/saml');
    expect(samlRecipientFor('arn:aws-us-gov:iam::111122223333:role/A')).toBe('https://signin.amazonaws-us-gov.com/saml');
    expect(samlRecipientFor('arn:aws-cn:iam::111122223333:role/A')).toBe('https://signin.amazonaws.cn/saml');
  });

  it('names none for an ARN that is not a role of a known partition', () => {
    expect(samlRecipientFor('arn:aws-iso:iam::111122223333:role/A')).toBeNull();
    expect(samlRecipientFor('arn:aws:iam::111122223333:user/A')).toBeNull();
    expect(samlRecipientFor('arn:aws:iam::1111:role/A')).toBeNull();
  });
});

describe('trustPolicyFor in broker mode', () => {
  const broker = { issuer: 'https://keyport.example.com/oidc', audience: 'sts.amazonaws.com' };
  const input = { idpKind: 'OIDC' as const, roleArn: 'arn:aws:iam::111122223333:role/DevReadOnly', issuer: 'https://idp.example.com', clientId: 'keyport', samlProviderArn: null, broker };

  it("trusts Keyport's provider, its audience, and only tokens minted for this role", () => {
    expect(trustPolicyFor(input)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/keyport.example.com/oidc' },
          Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity'],
          Condition: {
            StringEquals: { 'keyport.example.com/oidc:aud': 'sts.amazonaws.com' },
            StringLike: { 'keyport.example.com/oidc:sub': 'role:arn:aws:iam::111122223333:role/DevReadOnly:person:*' },
          },
        },
      ],
    });
  });

  it("never trusts the IdP's provider, for any sign-in kind", () => {
    for (const idpKind of ['OIDC', 'SAML', 'BOTH'] as const) {
      const text = JSON.stringify(trustPolicyFor({ ...input, idpKind, samlProviderArn: 'arn:aws:iam::111122223333:saml-provider/Idp' }));
      expect(text).not.toContain('idp.example.com');
      expect(text).not.toContain('saml-provider');
    }
  });

  it('is a valid trust policy', () => {
    expect(() => parsePolicy(trustPolicyFor(input), 'trust')).not.toThrow();
  });
});


describe('trustPolicyFor in SAML broker mode', () => {
  const input = { idpKind: 'OIDC' as const, roleArn: 'arn:aws:iam::111122223333:role/Dev', issuer: 'https://idp.example.com', clientId: 'k', samlProviderArn: 'arn:aws:iam::111122223333:saml-provider/KeyportBroker', samlBroker: true };
  it("trusts Keyport's SAML provider with TagSession and SetSourceIdentity, for AWS's audience", () => {
    expect(trustPolicyFor(input)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/KeyportBroker' },
          Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession', 'sts:SetSourceIdentity'],
          Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        },
      ],
    });
  });
  it('needs the SAML provider ARN, and never trusts the IdP', () => {
    expect(trustPolicyFor({ ...input, samlProviderArn: null })).toBeNull();
    expect(JSON.stringify(trustPolicyFor(input))).not.toContain('idp.example.com');
  });
});
