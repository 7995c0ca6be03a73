// AWS-shaped failures. Every refusal the sandbox answers is one of these, so the HTTP layer can
// render AWS's error XML (code, message, status, Sender/Receiver) in one place.

export type ErrorType = 'Sender' | 'Receiver';

export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly type: ErrorType;

  constructor(code: string, message: string, status = 400, type: ErrorType = 'Sender') {
    super(message);
    this.name = 'AwsError';
    this.code = code;
    this.status = status;
    this.type = type;
  }
}

// The codes and HTTP statuses below are the ones in the STS and IAM service models
// (`awsQueryError` traits) and in AWS's answers to unsigned/badly signed requests.

export const accessDenied = (message: string): AwsError => new AwsError('AccessDenied', message, 403);

export const validationError = (message: string): AwsError => new AwsError('ValidationError', message, 400);

export const invalidIdentityToken = (message: string): AwsError =>
  new AwsError('InvalidIdentityToken', message, 400);

export const expiredTokenException = (message: string): AwsError =>
  new AwsError('ExpiredTokenException', message, 400);

export const idpCommunicationError = (): AwsError =>
  new AwsError(
    'IDPCommunicationError',
    "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
    400,
  );

export const malformedPolicyDocument = (message: string): AwsError =>
  new AwsError('MalformedPolicyDocument', message, 400);

export const packedPolicyTooLarge = (percent: number): AwsError =>
  new AwsError(
    'PackedPolicyTooLarge',
    `Packed policy consumes ${percent}% of allotted space, please use smaller policy.`,
    400,
  );

export const regionDisabled = (account: string): AwsError =>
  new AwsError(
    'RegionDisabledException',
    `STS is not activated in this region for account:${account}. Your account administrator can activate STS in this region using the IAM Console.`,
    403,
  );

export const invalidClientTokenId = (): AwsError =>
  new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);

export const expiredToken = (): AwsError =>
  new AwsError('ExpiredToken', 'The security token included in the request is expired', 400);

export const signatureDoesNotMatch = (message?: string): AwsError =>
  new AwsError(
    'SignatureDoesNotMatch',
    message ??
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    403,
  );

export const incompleteSignature = (message: string): AwsError => new AwsError('IncompleteSignature', message, 400);

export const missingAuthenticationToken = (): AwsError =>
  new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);

export const invalidAction = (action: string, version: string): AwsError =>
  new AwsError('InvalidAction', `Could not find operation ${action} for version ${version}`, 400);

export const noSuchEntity = (message: string): AwsError => new AwsError('NoSuchEntity', message, 404);

export const limitExceeded = (message: string): AwsError => new AwsError('LimitExceeded', message, 409);

export const internalFailure = (): AwsError =>
  new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500, 'Receiver');

export const invalidParameterValue = (message: string): AwsError => new AwsError('InvalidParameterValue', message, 400);

/** STS API Reference, DecodeAuthorizationMessage: "InvalidAuthorizationMessageException … HTTP Status Code: 400". */
export const invalidAuthorizationMessage = (): AwsError =>
  new AwsError(
    'InvalidAuthorizationMessageException',
    'The error returned if the message passed to DecodeAuthorizationMessage was invalid. This can happen if the token contains invalid characters, such as line breaks, or if the message has expired.',
    400,
  );

/** A refusal carrying AWS's encoded authorization failure message (EC2's UnauthorizedOperation, HTTP 403). */
export const unauthorizedOperation = (message: string): AwsError => new AwsError('UnauthorizedOperation', message, 403);
