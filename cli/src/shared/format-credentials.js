// The credentials page's export formatter and `keyport env` / `keyport credential-process`: one
// module, shared by the portal (lib/credentials/format-credentials.ts re-exports it) and the CLI.
// Plain JavaScript with JSDoc types (see credential-input-error.js). Pure.
import { checkTemporaryCredentials } from './check-temporary-credentials.js';
import { formatCliExpiration } from './format-cli-expiration.js';

/** @typedef {import('./check-temporary-credentials.js').TemporaryCredentials} TemporaryCredentials */
/** @typedef {'env' | 'env-no-export' | 'powershell' | 'windows-cmd' | 'fish' | 'process'} ExportFormat */

// The region goes unquoted into shell lines: only the AWS shape (region-schema.ts's pattern, kept
// here free of zod for the browser) is let through.
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
/** @param {string} region @returns {string} */
export function checkedRegion(region) {
  if (!REGION.test(region)) throw new RangeError('not an AWS region code');
  return region;
}

// Byte-for-byte the output of `aws configure export-credentials --format F` (AWS CLI v2).
// Followed: aws/aws-cli, branch v2, awscli/customizations/configure/exportcreds.py at commit
// 1cd4c630b5aac7021295aefea5a5f6a26cc7bf02 (which has the `fish` format, FishShellFormatter;
// /usr/bin/aws 2.9.19 lacks it, the other five formats are identical there and are checked against
// it in export-formats.int.test.ts).
//  - per-line formats: AccessKeyId, SecretAccessKey, SessionToken, then AWS_CREDENTIAL_EXPIRATION,
//    each line ending in "\n", values unquoted except where the template quotes them;
//  - `process`: json.dumps(indent=2, separators=(',', ': ')) + "\n", keys in insertion order.
// On Windows the CLI's stdout turns "\n" into "\r\n" for powershell/windows-cmd/process; both shells
// accept "\n" when pasted, so we always emit "\n" (what the CLI writes on Linux and macOS).
/** @type {Record<Exclude<ExportFormat, 'process'>, (name: string, value: string) => string>} */
const LINE_TEMPLATES = {
  env: (name, value) => `export ${name}=${value}`,
  'env-no-export': (name, value) => `${name}=${value}`,
  powershell: (name, value) => `$Env:${name}="${value}"`,
  'windows-cmd': (name, value) => `set ${name}=${value}`,
  fish: (name, value) => `set -gx ${name} "${value}"`,
};

/** The `--format` values of `aws configure export-credentials` (AWS CLI v2). */
export const EXPORT_FORMATS = /** @type {const} */ (['env', 'env-no-export', 'powershell', 'windows-cmd', 'fish', 'process']);

/**
 * Renders temporary credentials in one of the AWS CLI's export formats. Throws a
 * `CredentialInputError` if a value contains characters STS never issues (see
 * check-temporary-credentials.js), which is what keeps the unquoted shell lines safe.
 *
 * `region`, the region the person chose, is appended after the CLI's own lines (which stay
 * byte-for-byte) as AWS_REGION, read by the SDKs and CLI v2, and AWS_DEFAULT_REGION, read by CLI v1
 * and older tools (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html).
 * Not in `process`: credential_process output has no region (it names credentials only).
 * @param {{ credentials: TemporaryCredentials; format: ExportFormat; region?: string | undefined }} o
 * @returns {string}
 */
export function formatCredentials({ credentials, format, region }) {
  checkTemporaryCredentials(credentials);
  const expiration = formatCliExpiration(credentials.expiration);

  if (format === 'process') {
    // Values are restricted to ASCII without quotes or backslashes, so JSON.stringify's escaping
    // equals Python's json.dumps(ensure_ascii=True) and its indent=2 layout is the same.
    const document = {
      Version: 1,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: expiration,
    };
    return `${JSON.stringify(document, null, 2)}\n`;
  }

  const line = LINE_TEMPLATES[format];
  if (!line) throw new RangeError('unknown credential export format');
  return (
    [
      line('AWS_ACCESS_KEY_ID', credentials.accessKeyId),
      line('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey),
      line('AWS_SESSION_TOKEN', credentials.sessionToken),
      line('AWS_CREDENTIAL_EXPIRATION', expiration),
      ...(region !== undefined ? [line('AWS_REGION', checkedRegion(region)), line('AWS_DEFAULT_REGION', checkedRegion(region))] : []),
    ].join('\n') + '\n'
  );
}
