import 'server-only';
// Calls STS AssumeRoleWithSAML at the mapping's endpoint with the raw SAML response, like
// assumeRoleWithWebIdentity: unsigned, transient failures retried with bounded backoff, AWS's
// error code and request id returned for the audit. The assertion is never logged.
import { AssumeRoleWithSAMLCommand } from '@aws-sdk/client-sts';
import { clientFor, errorCode, type StsFailure, type StsSuccess } from './assume-role-with-web-identity';
import { explainStsError } from './explain-sts-error';

export async function assumeRoleWithSaml(opts: {
  endpoint: string;
  region: string;
  roleArn: string;
  principalArn: string;
  samlAssertion: string;
  durationSeconds: number;
  sessionPolicy?: string | null;
  policyArns?: string[];
  maxAttempts?: number;
  backoffMs?: number;
}): Promise<StsSuccess | StsFailure> {
  const maxAttempts = opts.maxAttempts ?? 3;
  const client = clientFor(opts.endpoint, opts.region);
  let last: StsFailure | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      const out = await client.send(
        new AssumeRoleWithSAMLCommand({
          RoleArn: opts.roleArn,
          PrincipalArn: opts.principalArn,
          SAMLAssertion: opts.samlAssertion,
          DurationSeconds: opts.durationSeconds,
          ...(opts.sessionPolicy ? { Policy: opts.sessionPolicy } : {}),
          ...(opts.policyArns && opts.policyArns.length > 0 ? { PolicyArns: opts.policyArns.map((arn) => ({ arn })) } : {}),
        }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration || !out.AssumedRoleUser?.Arn) {
        return { ok: false, code: 'IncompleteResponse', stsRequestId: out.$metadata.requestId ?? null, attempts: attempt, awsMessage: 'STS answered without credentials' };
      }
      return {
        ok: true,
        credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration },
        assumedRoleArn: out.AssumedRoleUser.Arn,
        stsRequestId: out.$metadata.requestId ?? null,
        attempts: attempt,
      };
    } catch (e) {
      const { code, requestId, message } = errorCode(e);
      last = { ok: false, code, stsRequestId: requestId, attempts: attempt, awsMessage: message };
      // The same assertion can be presented again only while it is valid; retry transient faults only.
      const retryable = explainStsError(code, { roleArn: opts.roleArn, region: opts.region, maxDurationSeconds: opts.durationSeconds }).retryable;
      if (!retryable || attempt === maxAttempts) break;
      const base = (opts.backoffMs ?? 200) * 2 ** (attempt - 1);
      await new Promise((r) => setTimeout(r, base + Math.floor(Math.random() * base)));
    }
  }
  return last ?? { ok: false, code: 'Unknown', stsRequestId: null, attempts: 0, awsMessage: '' };
}
