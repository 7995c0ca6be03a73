// Issues temporary AWS credentials through SAML: the same steps as OIDC issuance (entitlement
// recomputed, bounds, quota, write-ahead ISSUE_REQUESTED, STS, outcome) with AssumeRoleWithSAML
// and the raw SAML response the IdP just sent for this very request. AWS names the session after
// the assertion's RoleSessionName; the duration is the smallest of the request, the assertion's
// SessionDuration and the role's maximum. The assertion lives only in memory, never in the DB,
// the logs or the audit.
import type { Actor } from '@/lib/auth/actor';
import type { Partition } from '@/lib/credentials/types';
import { AppError, explainedError } from '@/lib/errors/app-error';
import { AWS_ROLE_ATTRIBUTE, AWS_ROLE_SESSION_NAME_ATTRIBUTE, AWS_SESSION_DURATION_ATTRIBUTE, awsSamlAudience, parseRolePairs, parseSessionDuration, ROLE_SESSION_NAME } from '@/lib/saml/aws-attributes';
import { samlFailureExplanation } from '@/lib/saml/explain-saml-failure';
import type { AssertionFacts } from '@/lib/saml/read-assertion';
import type { StsFailure, StsSuccess } from '@/lib/sts/assume-role-with-web-identity';
import { explainStsError } from '@/lib/sts/explain-sts-error';
import type { IssueContext, IssuedCredentials, IssueRequest, SharedIssueDeps } from './issuance-types';
import { IssueRefusal } from './issue-refusal';
import { runIssuance } from './run-issuance';

export interface SamlIssueDeps extends SharedIssueDeps {
  assumeRoleWithSaml: (opts: {
    endpoint: string;
    region: string;
    roleArn: string;
    principalArn: string;
    samlAssertion: string;
    durationSeconds: number;
    sessionPolicy?: string | null;
    policyArns?: string[];
  }) => Promise<StsSuccess | StsFailure>;
}

export function samlDurationNotice(granted: number, requested: number): string {
  return `Your IdP session limits duration to ${Math.floor(granted / 60)} minutes, so these credentials last ${Math.floor(granted / 60)} minutes instead of the ${Math.floor(requested / 60)} you asked for.`;
}

export async function issueCredentialsWithSaml(opts: {
  actor: Actor;
  request: IssueRequest;
  context: IssueContext;
  deps: SamlIssueDeps;
  /** The base64 SAMLResponse as received, validated for issuance, and the facts read from its signed assertion. */
  assertion: { samlResponse: string; facts: AssertionFacts; awsPartition?: Partition | null };
}): Promise<IssuedCredentials> {
  const { actor, request, context, deps, assertion } = opts;
  const attrs = assertion.facts.attributes;
  const sessionName = attrs[AWS_ROLE_SESSION_NAME_ATTRIBUTE]?.[0] ?? '';
  const sessionDuration = parseSessionDuration(attrs[AWS_SESSION_DURATION_ATTRIBUTE]);
  const pairs = parseRolePairs(attrs[AWS_ROLE_ATTRIBUTE] ?? []);

  return runIssuance({
    actor,
    request,
    context,
    deps,
    federation: {
      sessionName: () => sessionName,
      effectiveDuration: (requested) => {
        if (sessionDuration === undefined || sessionDuration >= requested) return { seconds: requested };
        return { seconds: sessionDuration, notice: samlDurationNotice(sessionDuration, requested) };
      },
      prepare: async (m) => {
        if (!m.samlProviderArn) {
          throw new IssueRefusal(
            'saml misconfigured',
            explainedError('upstream', { key: 'issue.samlNoProvider', values: { contact: deps.supportContact } }),
          );
        }
        // The assertion's audience names one partition's AWS (validate-saml-response.ts); a role of
        // another partition would refuse it at its own STS, so it is refused here with the reason.
        const rolePartition = /^arn:(aws|aws-cn|aws-us-gov):/.exec(m.roleArn)?.[1];
        if (assertion.awsPartition && rolePartition !== assertion.awsPartition) {
          deps.log.warn('SAML issuance refused', { reason: 'other_partition', roleArn: m.roleArn, assertionPartition: assertion.awsPartition });
          throw new IssueRefusal('saml other partition', explainedError('forbidden', samlFailureExplanation('other_partition', { purpose: 'issuance' })), { assertionPartition: assertion.awsPartition });
        }
        if (!pairs.some((p) => p.roleArn === m.roleArn && p.principalArn === m.samlProviderArn)) {
          deps.log.warn('SAML issuance refused', { reason: 'role_missing', roleArn: m.roleArn, offered: pairs.map((p) => p.roleArn) });
          throw new IssueRefusal('saml role missing', explainedError('forbidden', samlFailureExplanation('role_missing', { purpose: 'issuance' })), { offeredRoles: pairs.map((p) => p.roleArn) });
        }
        if (!ROLE_SESSION_NAME.test(sessionName)) {
          deps.log.warn('SAML issuance refused', { reason: 'no RoleSessionName' });
          throw new IssueRefusal('saml misconfigured', explainedError('upstream', { key: 'issue.samlNoSessionName' }));
        }
        if (sessionDuration !== undefined && sessionDuration < 900) {
          throw new IssueRefusal(
            'saml misconfigured',
            explainedError('upstream', { key: 'issue.samlShortSession', values: { minutes: Math.floor(sessionDuration / 60) } }),
          );
        }
      },
      call: ({ m, endpoint, durationSeconds }) =>
        deps.assumeRoleWithSaml({
          endpoint,
          region: m.stsRegion,
          roleArn: m.roleArn,
          principalArn: m.samlProviderArn ?? '',
          samlAssertion: assertion.samlResponse,
          durationSeconds,
          sessionPolicy: m.sessionPolicy,
          policyArns: m.managedPolicyArns,
        }),
      explain: (result, m, partition) => {
        if (result.code === 'ExpiredTokenException' || result.code === 'ExpiredToken') {
          return explainedError('upstream', samlFailureExplanation('expired', { purpose: 'issuance' }), { detail: { stsErrorCode: result.code } });
        }
        if (result.code === 'InvalidIdentityToken') {
          return explainedError('upstream', { key: 'issue.samlProviderRefused', values: { provider: m.samlProviderArn ?? '' } }, { detail: { stsErrorCode: result.code } });
        }
        const why = explainStsError(result.code, {
          roleArn: m.roleArn,
          region: m.stsRegion,
          maxDurationSeconds: m.maxDurationSeconds,
          expectedTrust: `Federated "${m.samlProviderArn ?? ''}", Action "sts:AssumeRoleWithSAML", Condition StringEquals "SAML:aud" = "${awsSamlAudience(partition)}"`,
        });
        return explainedError(why.appCode, why.explanation, { detail: { stsErrorCode: result.code } });
      },
      details: { via: 'saml', samlIssuer: assertion.facts.issuer },
    },
  });
}
