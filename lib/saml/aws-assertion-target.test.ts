import { describe, expect, it } from 'vitest';
import { awsAssertionTargetProblem } from './aws-assertion-target';

const ok = { audienceRestrictions: [['urn:amazon:webservices']], recipients: ['https://signin.aws.amazon.com/saml'] };

describe('awsAssertionTargetProblem', () => {
  it('accepts what Okta\'s AWS app, ADFS and SimpleSAMLphp send as audience, with AWS as Recipient', () => {
    expect(awsAssertionTargetProblem(ok, 'aws')).toBeNull();
    expect(awsAssertionTargetProblem({ ...ok, audienceRestrictions: [['https://signin.aws.amazon.com/saml']] }, 'aws')).toBeNull();
    expect(awsAssertionTargetProblem({ audienceRestrictions: [['urn:amazon:webservices:govcloud']], recipients: ['https://signin.amazonaws-us-gov.com/saml'] }, 'aws-us-gov')).toBeNull();
  });

  it('refuses an assertion without any audience restriction', () => {
    expect(awsAssertionTargetProblem({ ...ok, audienceRestrictions: [] }, 'aws')).toBe('audience');
  });

  it('refuses when one of two restrictions does not name AWS', () => {
    expect(awsAssertionTargetProblem({ ...ok, audienceRestrictions: [['urn:amazon:webservices'], ['https://keyport.example.com/api/saml/metadata']] }, 'aws')).toBe('audience');
  });

  it('refuses an assertion meant for Keyport\'s sign-in', () => {
    expect(awsAssertionTargetProblem({ ...ok, audienceRestrictions: [['https://keyport.example.com/api/saml/metadata']] }, 'aws')).toBe('audience');
  });

  it('refuses a commercial audience for a GovCloud role, and a China one for a commercial role', () => {
    expect(awsAssertionTargetProblem(ok, 'aws-us-gov')).toBe('audience');
    expect(awsAssertionTargetProblem({ audienceRestrictions: [['urn:amazon:webservices:cn-north-1']], recipients: ['https://signin.amazonaws.cn/saml'] }, 'aws')).toBe('audience');
  });

  it('refuses the Recipient an IdP sets to the ACS it posts to (Keyport\'s)', () => {
    expect(awsAssertionTargetProblem({ ...ok, recipients: ['https://keyport.example.com/api/saml/acs'] }, 'aws')).toBe('recipient');
  });

  it('refuses a missing Recipient, and one of several that is not AWS', () => {
    expect(awsAssertionTargetProblem({ ...ok, recipients: [] }, 'aws')).toBe('recipient');
    expect(awsAssertionTargetProblem({ ...ok, recipients: ['https://signin.aws.amazon.com/saml', 'https://keyport.example.com/api/saml/acs'] }, 'aws')).toBe('recipient');
  });
});
