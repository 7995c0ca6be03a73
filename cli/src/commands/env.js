// keyport env: the credentials as exports in the shell's format — the same formatter as the
// credentials page (shared/format-credentials.js). eval "$(keyport env --role …)".
import path from 'node:path';
import { apiContext } from '../context.js';
import { roleCredentials, temporaryCredentials } from '../credentials.js';
import { CliError } from '../errors.js';
import { EXPORT_FORMATS, formatCredentials } from '../shared/format-credentials.js';

/** The format for the shell this runs in. Pure. @param {Record<string, string | undefined>} env @param {NodeJS.Platform} platform @returns {import('../shared/format-credentials.js').ExportFormat} */
export function defaultEnvFormat(env, platform) {
  if (env.SHELL && path.basename(env.SHELL) === 'fish') return 'fish';
  if (env.PSModulePath && platform === 'win32') return 'powershell';
  if (platform === 'win32') return 'windows-cmd';
  return 'env';
}

/** @param {{ role: string; duration?: number; region?: string; url?: string; format?: string }} opts */
export async function envCommand(opts) {
  const format = /** @type {import('../shared/format-credentials.js').ExportFormat} */ (opts.format ?? defaultEnvFormat(process.env, process.platform));
  if (!(/** @type {readonly string[]} */ (EXPORT_FORMATS)).includes(format) || format === 'process') {
    throw new CliError('usage', `--format must be one of ${EXPORT_FORMATS.filter((f) => f !== 'process').join(', ')} (credential_process JSON: keyport credential-process).`);
  }
  const ctx = apiContext(opts);
  const c = await roleCredentials(ctx, { role: opts.role, durationSeconds: opts.duration, region: opts.region });
  // With the region, as the web page exports it: AWS_REGION and AWS_DEFAULT_REGION after the CLI's lines.
  process.stdout.write(formatCredentials({ credentials: temporaryCredentials(c), format, region: c.region }));
}
