import { describe, expect, it } from 'vitest';
import { oidcTrustPolicy, oidcTrustSummary } from './trust-policy';

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
