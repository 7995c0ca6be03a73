// keyport configure: one ~/.aws/config profile per role you are entitled to, each with
// `credential_process = keyport credential-process --role <arn>` and the role's default region.
// Everything else in the file stays byte for byte; the old file is kept as a backup.
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { api } from '../api.js';
import { updateAwsConfig } from '../aws-config.js';
import { apiContext } from '../context.js';
import { CliError } from '../errors.js';
import { sanitizeProfileName } from '../shared/sanitize-profile-name.js';

export const DEFAULT_TEMPLATE = '<account-label>-<role-label>';
const PLACEHOLDERS = ['<account-label>', '<role-label>', '<account-id>', '<role-name>'];

/** A profile name from the template, safe characters only. Pure. @param {string} template @param {{ accountLabel: string; roleLabel: string; accountId: string; roleArn: string }} r */
export function profileNameFor(template, r) {
  const roleName = r.roleArn.slice(r.roleArn.lastIndexOf('/') + 1);
  const raw = template.replaceAll('<account-label>', r.accountLabel).replaceAll('<role-label>', r.roleLabel).replaceAll('<account-id>', r.accountId).replaceAll('<role-name>', roleName);
  return sanitizeProfileName(raw);
}

/** A word for the shell-like split botocore applies to credential_process (shlex). Pure. @param {string} s */
export function shellWord(s) {
  return /^[A-Za-z0-9_/.:@%+=,-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** This CLI, by absolute paths, so the AWS CLI and SDKs find it whatever their PATH. */
export function selfCommand() {
  const bin = realpathSync(fileURLToPath(new URL('../../bin/keyport.js', import.meta.url)));
  return `${shellWord(process.execPath)} ${shellWord(bin)}`;
}

/** @param {string} file */
function backupName(file) {
  return `${file}.keyport-backup-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}

/** @param {{ url?: string; template: string; prune: boolean; configFile?: string; command?: string; duration?: number; dryRun?: boolean }} opts */
export async function configureCommand(opts) {
  if (!PLACEHOLDERS.some((p) => opts.template.includes(p))) throw new CliError('usage', `--template must use at least one of ${PLACEHOLDERS.join(', ')}.`);
  const ctx = apiContext(opts);
  const { roles } = await api(ctx, '/api/cli/roles');
  const command = opts.command ?? selfCommand();
  const used = new Set();
  const desired = roles
    .map((/** @type {any} */ r) => {
      let name = profileNameFor(opts.template, r);
      if (used.has(name)) name = sanitizeProfileName(`${name}-${r.accountId}`);
      for (let i = 2; used.has(name); i++) name = sanitizeProfileName(`${profileNameFor(opts.template, r)}-${i}`);
      used.add(name);
      /** @type {[string, string][]} */
      const settings = [
        ['credential_process', `${command} credential-process --role ${shellWord(r.roleArn)}${opts.duration ? ` --duration ${opts.duration}` : ''}`],
        ['region', r.defaultRegion],
      ];
      return { profile: name, roleArn: r.roleArn, settings };
    });
  const file = opts.configFile ?? process.env.AWS_CONFIG_FILE ?? path.join(process.env.HOME || homedir(), '.aws', 'config');
  const existed = existsSync(file);
  const before = existed ? readFileSync(file, 'utf8') : '';
  const result = updateAwsConfig(before, desired, { prune: opts.prune });
  const say = (/** @type {string} */ s) => process.stderr.write(`${s}\n`);
  if (opts.dryRun) {
    process.stdout.write(result.text);
  } else if (result.text !== before) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    let backup = null;
    if (existed) {
      backup = backupName(file);
      copyFileSync(file, backup);
    }
    const mode = existed ? statSync(file).mode & 0o777 : 0o600;
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, result.text, { mode });
    renameSync(tmp, file);
    say(`Updated ${file}${backup ? ` (the previous file is kept as ${backup})` : ''}.`);
  } else {
    say(`${file} is up to date.`);
  }
  if (result.added.length) say(`Added: ${result.added.join(', ')}`);
  if (result.updated.length) say(`Updated: ${result.updated.join(', ')}`);
  if (result.removed.length) say(`Removed (no longer entitled): ${result.removed.join(', ')}`);
  for (const s of result.skipped) say(`Left alone: a profile "${s}" exists that keyport did not write; rename it or pick another --template.`);
  const browserOnly = roles.filter((/** @type {any} */ r) => r.browserRequired);
  for (const r of browserOnly) say(`Note: ${r.accountLabel}/${r.roleLabel} is issued through your SAML identity provider, so its profile opens the browser when its credentials are renewed.`);
  const first = [...result.added, ...result.updated, ...result.unchanged][0];
  if (first && !opts.dryRun) say(`Try: aws --profile ${first} sts get-caller-identity`);
}
