// Pure: every STS error code Keyport can meet, as a sentence saying what happened and what to do.
import type { ErrorCode } from '@/lib/errors/app-error';

export interface StsErrorExplanation {
  appCode: ErrorCode;
  message: string;
  /** Worth retrying automatically (with bounded backoff) before explaining. */
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
    case 'NetworkError':
    case 'TimeoutError':
      return { appCode: 'unavailable', retryable: true, message: `Keyport could not reach AWS STS in ${ctx.region}. Try again; if it persists, the STS endpoint may be unreachable from Keyport.` };
    default:
      if (/^5\d\d$/.test(code) || code === 'InternalFailure' || code === 'ServiceUnavailable') {
        return { appCode: 'unavailable', retryable: true, message: 'AWS STS had an internal problem. Try again in a minute.' };
      }
      return { appCode: 'upstream', retryable: false, message: 'AWS refused the request for an unexpected reason. Quote the request id when asking for help.' };
  }
}
