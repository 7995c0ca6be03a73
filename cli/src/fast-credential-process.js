// The warm path of `keyport credential-process`. The AWS CLI and SDKs start it before every
// command until the credentials are renewed, so a cache hit must cost little more than starting
// Node: this module parses the arguments with Node's own util.parseArgs (built in, already loaded)
// and reads the cache, and loads neither commander nor the rest of the CLI. Anything else — a
// cache miss, --help, an argument it does not take exactly as the full command does — returns
// false, and bin/keyport.js runs the full command (commander, src/main.js), which gives the same
// answer with the same errors.
import { parseArgs } from 'node:util';
import { configDir, portalUrl } from './config.js';
import { cacheEntry, readCached } from './credential-cache.js';
import { openSecureStore } from './secure-store.js';
import { formatCredentials } from './shared/format-credentials.js';

/** @param {string[]} args the arguments after `credential-process` @returns {boolean} whether it answered */
export function fastCredentialProcess(args) {
  let values;
  try {
    ({ values } = parseArgs({ args, strict: true, allowPositionals: false, options: { role: { type: 'string' }, duration: { type: 'string' }, region: { type: 'string' }, url: { type: 'string' } } }));
  } catch {
    return false;
  }
  if (!values.role) return false;
  let duration;
  if (values.duration !== undefined) {
    duration = Number(values.duration);
    if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) return false;
  }
  let url;
  const dir = configDir();
  try {
    url = portalUrl({ url: values.url }, dir);
  } catch {
    return false;
  }
  const c = readCached(openSecureStore(dir), cacheEntry(url, { role: values.role, durationSeconds: duration, region: values.region }));
  if (!c) return false;
  process.stdout.write(formatCredentials({ credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: new Date(c.expiration) }, format: 'process' }));
  return true;
}
