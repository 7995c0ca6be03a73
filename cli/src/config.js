// Where the CLI keeps its state, and which Keyport it talks to. The folder is
// $XDG_CONFIG_HOME/keyport (default ~/.config/keyport; %APPDATA%\keyport on Windows), mode 0700.
// The portal URL: --url, else KEYPORT_URL, else the one `keyport login` remembered.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { CliError } from './errors.js';

/** @param {Record<string, string | undefined>} [env] */
export function configDir(env = process.env) {
  if (env.XDG_CONFIG_HOME) return path.join(env.XDG_CONFIG_HOME, 'keyport');
  if (process.platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, 'keyport');
  return path.join(env.HOME || homedir(), '.config', 'keyport');
}

/** @param {string} dir */
export function ensurePrivateDir(dir) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Writes a file readable by its owner only (0600), atomically. @param {string} file @param {string} text */
export function writePrivateFile(file, text) {
  ensurePrivateDir(path.dirname(file));
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
}

/** @typedef {{ url?: string }} CliConfig */

/** @param {string} dir @returns {CliConfig} */
export function readConfig(dir) {
  try {
    const parsed = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'));
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** @param {string} dir @param {CliConfig} config */
export function writeConfig(dir, config) {
  writePrivateFile(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

/** The portal's origin and path, without a trailing slash; refuses anything but http(s). @param {string} raw */
export function normalizePortalUrl(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError('usage', `"${raw}" is not a URL. Give Keyport's address, e.g. --url https://keyport.example.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CliError('usage', `Keyport's URL must start with https:// (got ${url.protocol}).`);
  if (url.username || url.password || url.search || url.hash) throw new CliError('usage', "Keyport's URL must not carry user info, a query or a fragment.");
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** @param {{ url?: string | undefined }} opts @param {string} dir @param {Record<string, string | undefined>} [env] */
export function portalUrl(opts, dir, env = process.env) {
  const raw = opts.url ?? env.KEYPORT_URL ?? readConfig(dir).url;
  if (!raw) throw new CliError('notLoggedIn', 'No Keyport URL is set: run `keyport login --url https://<your Keyport>` (or set KEYPORT_URL).');
  return normalizePortalUrl(raw);
}
