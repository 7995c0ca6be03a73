// The AssumeRoleWithWebIdentity call both OIDC modes make, with the token the mode holds (the
// IdP's ID token, or the one Keyport minted): the mapping's region, session policy and managed
// policies; the session name from the pipeline.
import type { Federation } from '../issuance-types';
import type { IssueDeps } from '../issue-credentials';

export function webIdentityCall(assumeRole: IssueDeps['assumeRole'], token: () => string): Federation['call'] {
  return ({ m, endpoint, sessionName, durationSeconds }) =>
    assumeRole({
      endpoint,
      region: m.stsRegion,
      roleArn: m.roleArn,
      roleSessionName: sessionName,
      webIdentityToken: token(),
      durationSeconds,
      sessionPolicy: m.sessionPolicy,
      policyArns: m.managedPolicyArns,
    });
}
