// keyport roles: the person's role catalog.
import { api } from '../api.js';
import { apiContext } from '../context.js';

/** @param {{ url?: string; json?: boolean }} opts */
export async function rolesCommand(opts) {
  const ctx = apiContext(opts);
  const { roles } = await api(ctx, '/api/cli/roles');
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(roles, null, 2)}\n`);
    return;
  }
  if (roles.length === 0) {
    process.stdout.write('None of your groups is mapped to an AWS role in Keyport.\n');
    return;
  }
  /** @type {string[][]} */
  const rows = [['NAME', 'ROLE ARN', 'REGION', 'MAX DURATION', ''], ...roles.map((/** @type {any} */ r) => [`${r.accountLabel}/${r.roleLabel}`, r.roleArn, r.defaultRegion, `${Math.round(r.maxDurationSeconds / 60)} min`, r.browserRequired ? '(browser)' : ''])];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  for (const row of rows) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}\n`);
}
