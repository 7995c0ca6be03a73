// Pure: is this assertion addressed to AWS, as AWS checks it for AssumeRoleWithSAML? Every
// AudienceRestriction must name AWS (SAML Core 2.5.1.4: each restriction must be met) with one of
// the partition's audiences, and there must be a Recipient, each one an AWS sign-in endpoint of
// the partition ("The Recipient attribute must include a value that matches the AWS sign-in
// endpoint URL", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html).
// The audience and Recipient rules themselves are in aws-saml-endpoints.ts. Keyport checks this
// before it sends an assertion to AWS; the sandbox AWS checks it as AWS does.
import type { Partition } from '../credentials/types';
import { isAwsSamlAudience, isAwsSamlRecipient } from './aws-saml-endpoints';
import type { AssertionFacts } from './read-assertion';

export type AwsTargetProblem = 'audience' | 'recipient';

export function awsAssertionTargetProblem(facts: Pick<AssertionFacts, 'audienceRestrictions' | 'recipients'>, partition: Partition): AwsTargetProblem | null {
  const groups = facts.audienceRestrictions;
  if (groups.length === 0 || groups.some((g) => !g.some((a) => isAwsSamlAudience(a, partition)))) return 'audience';
  if (facts.recipients.length === 0 || facts.recipients.some((r) => !isAwsSamlRecipient(r, partition))) return 'recipient';
  return null;
}
