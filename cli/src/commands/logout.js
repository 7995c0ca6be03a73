// keyport logout: revokes the CLI token at Keyport, then forgets it and every cached credential
// for this Keyport. Forgets them even when Keyport cannot be reached (and says so).
import { api } from '../api.js';
import { cachePrefix } from '../credential-cache.js';
import { apiContext } from '../context.js';
import { CliError } from '../errors.js';
import { deleteTokens, readTokens } from '../token-store.js';

/** @param {{ url?: string }} opts */
export async function logoutCommand(opts) {
  const ctx = apiContext(opts);
  let note = 'The CLI token is revoked at Keyport.';
  if (readTokens(ctx.store, ctx.url)) {
    try {
      await api(ctx, '/api/cli/logout', { method: 'POST' });
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      note = e.kind === 'unreachable' ? `Keyport could not be reached to revoke the token (${e.message}); revoke it on the Your devices page.` : 'The CLI token was no longer valid at Keyport.';
    }
  } else {
    note = 'The CLI was not signed in.';
  }
  deleteTokens(ctx.store, ctx.url);
  ctx.store.deletePrefix(cachePrefix(ctx.url));
  process.stderr.write(`Signed out of ${ctx.url}. ${note} Cached credentials were removed.\n`);
}
