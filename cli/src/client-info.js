// How the CLI names itself to Keyport: the User-Agent (shown on the device approval page and in
// the audit) and the client name on the Your devices page.
import { hostname, platform } from 'node:os';

export const CLI_VERSION = '0.1.0';
export const CLIENT_ID = 'keyport-cli';

export function userAgent() {
  return `keyport-cli/${CLI_VERSION} node/${process.version} (${platform()})`;
}

export function clientName() {
  return `keyport CLI on ${hostname()} (${platform()})`.slice(0, 120);
}
