// keyport whoami: who the CLI is signed in as, their groups, and when the token and sign-in end.
import { api } from '../api.js';
import { apiContext } from '../context.js';

/** @param {{ url?: string; json?: boolean }} opts */
export async function whoamiCommand(opts) {
  const ctx = apiContext(opts);
  const who = await api(ctx, '/api/cli/whoami');
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ url: ctx.url, ...who }, null, 2)}\n`);
    return;
  }
  const lines = [
    ['Keyport', ctx.url],
    ['Name', who.name ?? ''],
    ['E-mail', who.email ?? ''],
    ['Subject', `${who.sub} (${who.idpKind})`],
    ['Groups', who.groups.join(', ')],
    ['Keyport roles', who.appRoles.join(', ')],
    ...(who.revoked ? [['Revoked', 'yes: Keyport issues you no credentials until a reviewer lifts it']] : []),
    ['Access token', `until ${who.accessTokenExpiresAt} (renewed on its own)`],
    ['Sign-in ends', who.signInEndsAt],
  ];
  for (const [k, v] of lines) process.stdout.write(`${`${k}:`.padEnd(15)}${v}\n`);
}
