// Pure: every STS error code Keyport can meet, as a sentence saying what happened and what to do
// (its words in the `explain` catalog, messages/<locale>/explain.json, under `sts`).
import type { ErrorCode } from '@/lib/errors/app-error';
import { inEnglish, type Explanation } from '@/lib/i18n/explanation';

export interface StsErrorExplanation {
  appCode: ErrorCode;
  /** In English (API answers); `explanation` is the same for the page to show in its language. */
  message: string;
  explanation: Explanation;
  /**
   * A transient error AWS answered with (or a request that never left): worth retrying
   * automatically with bounded backoff. sendAssumeRole also requires the failure to be definite.
   */
  retryable: boolean;
  /** Sign-in again fixes it. */
  reauth?: boolean;
}

type Ctx = { roleArn: string; region: string; maxDurationSeconds: number; expectedTrust?: string };

export function explainStsError(code: string, ctx: Ctx): StsErrorExplanation {
  const { explanation, ...rest } = explain(code, ctx);
  return { ...rest, explanation, message: inEnglish(explanation) };
}

const sts = (key: string, values: Explanation['values'] = {}): Explanation => ({ key: `sts.${key}`, values });

function explain(code: string, ctx: Ctx): Omit<StsErrorExplanation, 'message'> {
  const region = { region: ctx.region };
  switch (code) {
    case 'AccessDenied':
      return {
        appCode: 'forbidden',
        retryable: false,
        explanation: sts('AccessDenied', { roleArn: ctx.roleArn, expectedTrust: ctx.expectedTrust ?? '', hasTrust: ctx.expectedTrust ? 'yes' : 'no' }),
      };
    case 'InvalidIdentityToken':
      return { appCode: 'upstream', retryable: false, reauth: true, explanation: sts('InvalidIdentityToken') };
    case 'ExpiredTokenException':
    case 'ExpiredToken':
      return { appCode: 'unauthenticated', retryable: false, reauth: true, explanation: sts('ExpiredToken') };
    case 'IDPCommunicationError':
    case 'IDPCommunicationErrorException':
      return { appCode: 'upstream', retryable: true, explanation: sts('IDPCommunicationError') };
    case 'Throttling':
    case 'ThrottlingException':
    case 'RequestLimitExceeded':
      return { appCode: 'unavailable', retryable: true, explanation: sts('Throttling') };
    case 'RegionDisabledException':
      return { appCode: 'upstream', retryable: false, explanation: sts('RegionDisabledException', region) };
    case 'ValidationError':
      return { appCode: 'invalid_input', retryable: false, explanation: sts('ValidationError', { maxMinutes: Math.floor(ctx.maxDurationSeconds / 60) }) };
    case 'PackedPolicyTooLarge':
    case 'PackedPolicyTooLargeException':
      return { appCode: 'upstream', retryable: false, explanation: sts('PackedPolicyTooLarge') };
    case 'MalformedPolicyDocument':
    case 'MalformedPolicyDocumentException':
      return { appCode: 'upstream', retryable: false, explanation: sts('MalformedPolicyDocument') };
    // The request never left Keyport (refused, DNS, connect timeout: classify-sts-fault.ts).
    case 'NetworkError':
      return { appCode: 'unavailable', retryable: true, explanation: sts('NetworkError', region) };
    // The next three may have reached AWS: never retried automatically (a retry could mint a second key).
    case 'StsTimeout':
      return { appCode: 'unavailable', retryable: false, explanation: sts('StsTimeout', region) };
    case 'ConnectionLost':
      return { appCode: 'unavailable', retryable: false, explanation: sts('ConnectionLost', region) };
    case 'IncompleteResponse':
      return { appCode: 'upstream', retryable: false, explanation: sts('IncompleteResponse') };
    // AWS's own transient server errors (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html):
    // an error answer carries no credentials, so it is safe to retry.
    case 'InternalFailure':
    case 'ServiceUnavailable':
      return { appCode: 'unavailable', retryable: true, explanation: sts('InternalFailure') };
    default:
      // A bare HTTP status without an AWS error code came from something in front of STS (a
      // proxy or load balancer): whether AWS saw the request is unknown, so it is not retried.
      if (/^5\d\d$/.test(code)) return { appCode: 'unavailable', retryable: false, explanation: sts('http5xx', { status: code }) };
      return { appCode: 'upstream', retryable: false, explanation: sts('unexpected') };
  }
}
