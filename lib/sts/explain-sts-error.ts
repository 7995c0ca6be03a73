// Pure: every STS error code Keyport can meet, as a sentence saying what happened and what to do.
import type { ErrorCode } from '@/lib/errors/app-error';

export interface StsErrorExplanation {
  appCode: ErrorCode;
  message: string;
  /**
   * A transient error AWS answered with (or a request that never left): worth retrying
   * automatically with bounded backoff. sendAssumeRole also requires the failure to be definite.
   */
  retryable: boolean;
  /** Sign-in again fixes it. */
  reauth?: boolean;
}

export function explainStsError(code: string, ctx: { roleArn: string; region: string; maxDurationSeconds: number; expectedTrust?: string }): StsErrorExplanation {
  switch (code) {
    case 'AccessDenied':
      return {
        appCode: 'forbidden',
        retryable: false,
        message:
          `AWS refused to let Keyport assume ${ctx.roleArn}: the role's trust policy does not trust this portal.` +
          (ctx.expectedTrust ? ` The role must trust it with: ${ctx.expectedTrust}.` : '') +
          ' Ask an admin to update the role\'s trust policy (the mapping page shows the exact policy).',
      };
    case 'InvalidIdentityToken':
      return {
        appCode: 'upstream',
        retryable: false,
        reauth: true,
        message: 'AWS did not accept your sign-in token for this role (the account has no identity provider registered for this portal, or the token was rejected). Sign in again; if it persists, ask an admin to check the IAM identity provider.',
      };
    case 'ExpiredTokenException':
    case 'ExpiredToken':
      return { appCode: 'unauthenticated', retryable: false, reauth: true, message: 'Your sign-in has expired. Sign in again and repeat the request.' };
    case 'IDPCommunicationError':
    case 'IDPCommunicationErrorException':
      return {
        appCode: 'upstream',
        retryable: true,
        message: 'AWS could not reach the identity provider to verify your sign-in. This is usually brief: try again in a minute.',
      };
    case 'Throttling':
    case 'ThrottlingException':
    case 'RequestLimitExceeded':
      return { appCode: 'unavailable', retryable: true, message: 'AWS is throttling requests right now. Wait a minute and try again.' };
    case 'RegionDisabledException':
      return {
        appCode: 'upstream',
        retryable: false,
        message: `STS is not activated in ${ctx.region} for this account. Pick another region, or ask the account owner to activate the region in IAM → Account settings.`,
      };
    case 'ValidationError':
      return {
        appCode: 'invalid_input',
        retryable: false,
        message: `AWS refused the request parameters (most often the duration: this role allows at most ${Math.floor(ctx.maxDurationSeconds / 60)} minutes, and the IAM role's own maximum may be lower). Choose a shorter duration.`,
      };
    case 'PackedPolicyTooLarge':
    case 'PackedPolicyTooLargeException':
      return { appCode: 'upstream', retryable: false, message: 'The session policy of this mapping is too large for AWS. Ask an admin to shorten it.' };
    case 'MalformedPolicyDocument':
    case 'MalformedPolicyDocumentException':
      return { appCode: 'upstream', retryable: false, message: 'AWS rejected the session policy of this mapping as malformed. Ask an admin to fix it.' };
    // The request never left Keyport (refused, DNS, connect timeout: classify-sts-fault.ts).
    case 'NetworkError':
      return { appCode: 'unavailable', retryable: true, message: `Keyport could not reach AWS STS in ${ctx.region}. Try again; if it persists, the STS endpoint may be unreachable from Keyport.` };
    // The next three may have reached AWS: never retried automatically (a retry could mint a second key).
    case 'StsTimeout':
      return {
        appCode: 'unavailable',
        retryable: false,
        message: `AWS STS in ${ctx.region} did not answer in time. AWS may still have issued credentials, which Keyport never received; the request is recorded with an unknown outcome for review. Try again in a minute.`,
      };
    case 'ConnectionLost':
      return {
        appCode: 'unavailable',
        retryable: false,
        message: `The connection to AWS STS in ${ctx.region} broke after the request was sent. AWS may have issued credentials, which Keyport never received; the request is recorded with an unknown outcome for review. Try again.`,
      };
    case 'IncompleteResponse':
      return { appCode: 'upstream', retryable: false, message: 'AWS STS answered without usable credentials. The request is recorded with an unknown outcome for review. Try again; quote the request id if it persists.' };
    // AWS's own transient server errors (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html):
    // an error answer carries no credentials, so it is safe to retry.
    case 'InternalFailure':
    case 'ServiceUnavailable':
      return { appCode: 'unavailable', retryable: true, message: 'AWS STS had an internal problem. Try again in a minute.' };
    default:
      // A bare HTTP status without an AWS error code came from something in front of STS (a
      // proxy or load balancer): whether AWS saw the request is unknown, so it is not retried.
      if (/^5\d\d$/.test(code)) {
        return { appCode: 'unavailable', retryable: false, message: `AWS STS (or a proxy in front of it) failed with HTTP ${code}. Try again in a minute.` };
      }
      return { appCode: 'upstream', retryable: false, message: 'AWS refused the request for an unexpected reason. Quote the request id when asking for help.' };
  }
}
