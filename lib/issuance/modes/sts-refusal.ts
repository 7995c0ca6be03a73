// What every mode answers when AWS refused the call: the STS error in words the person can act on
// (explain-sts-error.ts), with the trust the role needs for this mode. Only passthrough modes may
// send the person to sign in again: a broker token is minted per request, so a new sign-in would
// not help.
import { explainedError, type AppError } from '@/lib/errors/app-error';
import type { StsFailure } from '@/lib/sts/assume-role-with-web-identity';
import { explainStsError } from '@/lib/sts/explain-sts-error';
import type { IssuableMapping } from '../issuance-types';

export function stsRefusal(result: StsFailure, m: IssuableMapping, expectedTrust: string, opts: { mayReauth: boolean }): AppError {
  const why = explainStsError(result.code, { roleArn: m.roleArn, region: m.stsRegion, maxDurationSeconds: m.maxDurationSeconds, expectedTrust });
  if (why.reauth && !opts.mayReauth) {
    // The token or assertion was Keyport's own: the person's sign-in is not what AWS refused.
    return explainedError('upstream', { key: 'sts.brokerNotTrusted', values: { code: result.code, expectedTrust } }, { detail: { stsErrorCode: result.code } });
  }
  return explainedError(why.appCode, why.explanation, { detail: { stsErrorCode: result.code, ...(opts.mayReauth && why.reauth ? { reauth: true } : {}) } });
}
