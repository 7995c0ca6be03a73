// Issuance through OIDC passthrough: the person's own IdP ID token goes to AWS
// AssumeRoleWithWebIdentity. The steps around the STS call are the shared pipeline
// (run-issuance.ts); this file is only what the mode adds. SAML passthrough is
// issue-credentials-with-saml.ts.
import type { Actor } from '@/lib/auth/actor';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { deriveRoleSessionName } from '@/lib/identity/derive-role-session-name';
import { oidcTrustSummary } from '@/lib/mappings/trust-policy';
import type { StsFailure, StsSuccess } from '@/lib/sts/assume-role-with-web-identity';
import { explainStsError } from '@/lib/sts/explain-sts-error';
import type { IssueContext, IssuedCredentials, IssueRequest, SharedIssueDeps } from './issuance-types';
import { IssueRefusal } from './issue-refusal';
import { runIssuance } from './run-issuance';

export { MIN_DURATION_SECONDS } from './check-request-bounds';
export type { Federation, IssuableMapping, IssueContext, IssuedCredentials, IssueRequest, SharedIssueDeps } from './issuance-types';
export { runIssuance } from './run-issuance';

export interface IssueDeps extends SharedIssueDeps {
  issuer: string;
  clientId: string;
  webIdentityToken: () => Promise<string>;
  assumeRole: (opts: {
    endpoint: string;
    region: string;
    roleArn: string;
    roleSessionName: string;
    webIdentityToken: string;
    durationSeconds: number;
    sessionPolicy?: string | null;
    policyArns?: string[];
  }) => Promise<StsSuccess | StsFailure>;
}

export async function issueCredentials(opts: { actor: Actor; request: IssueRequest; context: IssueContext; deps: IssueDeps }): Promise<IssuedCredentials> {
  const { actor, deps } = opts;
  let token = '';
  return runIssuance({
    ...opts,
    federation: {
      // Only what the person cannot edit at the IdP names their sessions.
      sessionName: () => deriveRoleSessionName({ verifiedEmail: actor.emailVerified ? actor.email : null, sub: actor.sub }),
      // The token may need renewal (or a new sign-in) before anything is recorded.
      prepare: async () => {
        try {
          token = await deps.webIdentityToken();
        } catch (e) {
          if (isAppError(e) && e.status < 500) throw new IssueRefusal('sign-in expired', e);
          throw e;
        }
      },
      call: ({ m, endpoint, sessionName, durationSeconds }) =>
        deps.assumeRole({
          endpoint,
          region: m.stsRegion,
          roleArn: m.roleArn,
          roleSessionName: sessionName,
          webIdentityToken: token,
          durationSeconds,
          sessionPolicy: m.sessionPolicy,
          policyArns: m.managedPolicyArns,
        }),
      explain: (result, m, partition) => {
        const why = explainStsError(result.code, {
          roleArn: m.roleArn,
          region: m.stsRegion,
          maxDurationSeconds: m.maxDurationSeconds,
          expectedTrust: oidcTrustSummary({ partition, accountId: m.accountId, issuer: deps.issuer, clientId: deps.clientId }),
        });
        return new AppError(why.appCode, why.message, { detail: { stsErrorCode: result.code, ...(why.reauth ? { reauth: true } : {}) } });
      },
    },
  });
}
