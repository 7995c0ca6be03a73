// keyport exec --role … -- <cmd>: runs the command with the role's credentials (and region) in
// its environment, and exits as it exits. Other AWS credential settings are removed from the
// child's environment so nothing else is picked up instead.
import { spawn } from 'node:child_process';
import { apiContext } from '../context.js';
import { roleCredentials } from '../credentials.js';
import { CliError } from '../errors.js';
import { formatCliExpiration } from '../shared/format-cli-expiration.js';

/**
 * The child's environment. Pure.
 * @param {Record<string, string | undefined>} env @param {import('../credential-cache.js').CachedCredentials} c
 * @returns {Record<string, string | undefined>}
 */
export function execEnvironment(env, c) {
  const out = { ...env };
  for (const k of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CREDENTIAL_EXPIRATION']) delete out[k];
  return {
    ...out,
    AWS_ACCESS_KEY_ID: c.accessKeyId,
    AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
    AWS_SESSION_TOKEN: c.sessionToken,
    AWS_CREDENTIAL_EXPIRATION: formatCliExpiration(new Date(c.expiration)),
    AWS_REGION: c.region,
    AWS_DEFAULT_REGION: c.region,
  };
}

/** @param {string[]} command @param {{ role: string; duration?: number; region?: string; url?: string }} opts */
export async function execCommand(command, opts) {
  const [cmd, ...args] = command;
  if (!cmd) throw new CliError('usage', 'Name the command to run after --, e.g. keyport exec --role dev -- aws s3 ls');
  const ctx = apiContext(opts);
  const c = await roleCredentials(ctx, { role: opts.role, durationSeconds: opts.duration, region: opts.region });
  const child = spawn(cmd, args, { stdio: 'inherit', env: execEnvironment(process.env, c) });
  for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(sig, () => child.kill(sig));
  const code = await new Promise((resolve) => {
    child.once('error', (e) => {
      process.stderr.write(`keyport: could not run ${cmd}: ${/** @type {NodeJS.ErrnoException} */ (e).code ?? 'error'}\n`);
      resolve(127);
    });
    child.once('exit', (status, signal) => resolve(status ?? (signal ? 128 + 1 : 1)));
  });
  process.exitCode = /** @type {number} */ (code);
}
