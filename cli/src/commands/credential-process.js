// keyport credential-process: the credential_process JSON (Version 1, RFC 3339 Expiration) on
// stdout, from the cache while more than 15 minutes remain. The warm path loads no more than this.
import { apiContext } from '../context.js';
import { roleCredentials, temporaryCredentials } from '../credentials.js';
import { formatCredentials } from '../shared/format-credentials.js';

/** @param {{ role: string; duration?: number; region?: string; url?: string }} opts */
export async function credentialProcess(opts) {
  const ctx = apiContext(opts);
  const c = await roleCredentials(ctx, { role: opts.role, durationSeconds: opts.duration, region: opts.region });
  process.stdout.write(formatCredentials({ credentials: temporaryCredentials(c), format: 'process' }));
}
