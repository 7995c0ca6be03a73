// The characters temporary-credential values may contain, in plain code so the browser and the CLI
// can format credentials without shipping zod; temporaryCredentialsSchema uses the same patterns
// and messages. Shared by the portal and the keyport CLI (see credential-input-error.js). Pure.
import { CredentialInputError } from './credential-input-error.js';

/** @typedef {{ accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date }} TemporaryCredentials */

// Every output format pastes these values into a shell line, a PowerShell/fish double-quoted
// string, an INI file or a URL, unquoted as the AWS CLI does. Restricting them to the characters
// STS actually uses (AccessKeyId: `[\w]{16,128}` per the STS API; secret and token: base64, plus
// base64url's `-_` and `.` for local emulators) makes every format injection-free by construction
// instead of relying on per-shell escaping.
export const ACCESS_KEY_ID_PATTERN = /^\w{16,128}$/;
export const SAFE_SECRET_PATTERN = /^[A-Za-z0-9/+=._-]+$/;
export const ACCESS_KEY_ID_PROBLEM = 'must be 16–128 letters, digits or underscores (an STS AccessKeyId)';
export const SAFE_SECRET_PROBLEM = 'must be non-empty and contain only base64 characters (A–Z a–z 0–9 / + = . _ -)';
export const EXPIRATION_PROBLEM = 'must be a valid Date';

/** @param {unknown} value @param {RegExp} pattern */
function matches(value, pattern) {
  return typeof value === 'string' && pattern.test(value);
}

/** @param {unknown} value */
function isValidDate(value) {
  return value instanceof Date && Number.isFinite(value.getTime());
}

/**
 * The first unsafe field of `credentials` and what is wrong with it, in field order, or `null`.
 * @param {TemporaryCredentials} credentials
 * @returns {{ field: keyof TemporaryCredentials; message: string } | null}
 */
function firstProblem(credentials) {
  if (!matches(credentials.accessKeyId, ACCESS_KEY_ID_PATTERN)) return { field: 'accessKeyId', message: ACCESS_KEY_ID_PROBLEM };
  if (!matches(credentials.secretAccessKey, SAFE_SECRET_PATTERN)) return { field: 'secretAccessKey', message: SAFE_SECRET_PROBLEM };
  if (!matches(credentials.sessionToken, SAFE_SECRET_PATTERN)) return { field: 'sessionToken', message: SAFE_SECRET_PROBLEM };
  if (!isValidDate(credentials.expiration)) return { field: 'expiration', message: EXPIRATION_PROBLEM };
  return null;
}

/**
 * Throws a `CredentialInputError` (field `credentials.<name>`) when a value contains characters
 * STS never issues or the expiration is not a valid Date. The message never contains the value.
 * @param {TemporaryCredentials} credentials
 * @returns {void}
 */
export function checkTemporaryCredentials(credentials) {
  const problem = firstProblem(credentials);
  if (problem) throw new CredentialInputError({ field: `credentials.${problem.field}`, message: problem.message });
}
