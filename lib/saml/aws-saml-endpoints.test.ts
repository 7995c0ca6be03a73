import { describe, expect, it } from 'vitest';
import { audiencePartition, awsSignInSamlUrl, isAwsSamlAudience, isAwsSamlRecipient } from './aws-saml-endpoints';

describe('AWS SAML audiences (AssumeRoleWithSAML)', () => {
  it.each([
    ['urn:amazon:webservices', 'aws'],
    ['https://signin.aws.amazon.com/saml', 'aws'],
    ['https://eu-west-1.signin.aws.amazon.com/saml', 'aws'],
    ['urn:amazon:webservices:cn-north-1', 'aws-cn'],
    ['urn:amazon:webservices:cn-northwest-1', 'aws-cn'],
    ['https://signin.amazonaws.cn/saml', 'aws-cn'],
    ['urn:amazon:webservices:govcloud', 'aws-us-gov'],
    ['https://signin.amazonaws-us-gov.com/saml', 'aws-us-gov'],
  ] as const)('accepts %s in %s', (audience, partition) => {
    expect(isAwsSamlAudience(audience, partition)).toBe(true);
  });

  it.each([
    // another partition's audience: each partition is its own AWS
    ['urn:amazon:webservices', 'aws-cn'],
    ['urn:amazon:webservices', 'aws-us-gov'],
    ['https://signin.aws.amazon.com/saml', 'aws-us-gov'],
    ['https://signin.amazonaws-us-gov.com/saml', 'aws'],
    ['urn:amazon:webservices:govcloud', 'aws'],
    ['urn:amazon:webservices:cn-north-1', 'aws'],
    ['https://cn-north-1.signin.aws.amazon.com/saml', 'aws'],
    ['https://us-gov-west-1.signin.aws.amazon.com/saml', 'aws'],
    // look-alikes
    ['urn:amazon:webservices:', 'aws'],
    ['URN:AMAZON:WEBSERVICES', 'aws'],
    ['http://signin.aws.amazon.com/saml', 'aws'],
    ['https://signin.aws.amazon.com/saml/', 'aws'],
    ['https://signin.aws.amazon.com/SAML', 'aws'],
    ['https://signin.aws.amazon.com:443/saml', 'aws'],
    ['https://evil.example/saml', 'aws'],
    ['https://signin.aws.amazon.com.evil.example/saml', 'aws'],
    ['https://evilsignin.aws.amazon.com/saml', 'aws'],
    ['https://xx-fake-1.signin.aws.amazon.com/saml', 'aws'],
    ['https://a.eu-west-1.signin.aws.amazon.com/saml', 'aws'],
    ['https://signin.aws.amazon.com/saml/acs/ABC', 'aws'],
    ['https://keyport.example.com/api/saml/acs', 'aws'],
    ['', 'aws'],
  ] as const)('refuses %s in %s', (audience, partition) => {
    expect(isAwsSamlAudience(audience, partition)).toBe(false);
  });
});

describe('AWS SAML Recipient (returned as Audience, matched as SAML:aud)', () => {
  it.each([
    ['https://signin.aws.amazon.com/saml', 'aws'],
    ['https://us-east-2.signin.aws.amazon.com/saml', 'aws'],
    ['https://us-east-2.signin.aws.amazon.com/saml/acs/SAMLSP4SHN3UIS2D558H46', 'aws'],
    ['https://signin.amazonaws.cn/saml', 'aws-cn'],
    ['https://signin.amazonaws-us-gov.com/saml', 'aws-us-gov'],
  ] as const)('accepts %s in %s', (recipient, partition) => {
    expect(isAwsSamlRecipient(recipient, partition)).toBe(true);
  });

  it.each([
    // where the IdP posted (Keyport's ACS): AWS refuses it
    ['https://keyport.example.com/api/saml/acs', 'aws'],
    ['http://localhost:3000/api/saml/acs', 'aws'],
    // the entity id is an audience, never a Recipient
    ['urn:amazon:webservices', 'aws'],
    ['urn:amazon:webservices:govcloud', 'aws-us-gov'],
    ['https://signin.aws.amazon.com/saml', 'aws-cn'],
    ['https://signin.amazonaws.cn/saml', 'aws'],
    ['https://signin.aws.amazon.com/saml/acs/', 'aws'],
    ['https://signin.aws.amazon.com/saml/acs/a/b', 'aws'],
    ['https://signin.aws.amazon.com/saml?x=1', 'aws'],
    ['https://signin.aws.amazon.com/static/saml-metadata.xml', 'aws'],
    ['https://signin.aws.amazon.com.evil.example/saml', 'aws'],
  ] as const)('refuses %s in %s', (recipient, partition) => {
    expect(isAwsSamlRecipient(recipient, partition)).toBe(false);
  });

  it('gives each partition its own sign-in URL (the SAML:aud of the trust policy)', () => {
    expect(awsSignInSamlUrl('aws')).toBe('https://signin.aws.amazon.com/saml');
    expect(awsSignInSamlUrl('aws-cn')).toBe('https://signin.amazonaws.cn/saml');
    expect(awsSignInSamlUrl('aws-us-gov')).toBe('https://signin.amazonaws-us-gov.com/saml');
  });

  it('reads the partition from the audiences, and none from foreign ones', () => {
    expect(audiencePartition(['urn:amazon:webservices:govcloud'])).toBe('aws-us-gov');
    expect(audiencePartition(['https://signin.amazonaws.cn/saml'])).toBe('aws-cn');
    expect(audiencePartition(['urn:amazon:webservices'])).toBe('aws');
    expect(audiencePartition(['https://keyport.example.com/api/saml/metadata'])).toBeNull();
    expect(audiencePartition([])).toBeNull();
  });
});
