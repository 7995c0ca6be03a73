// Pure: what "Test this mapping" sends AWS besides the role, and how it reads the answer.
//
// Why a real AssumeRoleWithWebIdentity call and not a simulation: IAM's policy simulator does not
// evaluate a role's trust policy for sts:AssumeRole* (it evaluates identity policies; a resource
// policy only for IAM users — IAM API Reference, SimulatePrincipalPolicy; aws/aws-cli#10314), so
// only STS itself can say whether the role trusts what Keyport would send. The call is made so
// that what it returns is worth nothing:
//  - an inline session policy that denies every action: a session's permissions are the
//    intersection of the role's policies and the session policies (STS API Reference,
//    AssumeRoleWithWebIdentity, `Policy`; IAM User Guide, "Session policies"), so the session can
//    do nothing at all;
//  - the shortest session STS allows, 900 seconds (`DurationSeconds`, 900 to the role's maximum);
//  - the credentials are dropped the moment STS answers: never returned, logged or stored. The
//    audit keeps the AccessKeyId (not a secret), so CloudTrail's AssumeRoleWithWebIdentity entry
//    leads back to the test and the admin who ran it;
//  - in broker mode the token names a test subject, `person:test=<admin>`, not a person: the trust
//    policy's `sub` pattern (`role:<arn>:person:*`) is what is tested, and no person is issued for.
export const DRY_RUN_SESSION_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'KeyportDryRunDeniesEverything', Effect: 'Deny', Action: '*', Resource: '*' }] });
export const DRY_RUN_DURATION_SECONDS = 900;

/** RoleSessionName (and broker person) of a test: marked, and naming the admin who ran it. ≤ 64 of [\w+=,.@-]. */
export function dryRunSessionName(adminSessionName: string): string {
  return `test=${adminSessionName}`.slice(0, 64);
}

export type DryRunMode = 'broker' | 'broker-saml' | 'passthrough';

/** Which mappings can be dry-run: the OIDC ones (a SAML assertion needs the IdP in the loop). */
export function dryRunUnavailable(m: { idpKind: 'OIDC' | 'SAML' | 'BOTH'; mode: DryRunMode }): string | null {
  if (m.mode === 'broker-saml') return 'Keyport cannot test a SAML broker mapping from here yet: AWS is asked with a SAML assertion, which this test does not sign. Request credentials through the mapping to check it.';
  if (m.mode === 'passthrough' && m.idpKind === 'SAML') return 'A SAML passthrough mapping is answered with an assertion only the IdP can sign, in a browser round trip: request credentials through the mapping to check it.';
  return null;
}
