// Where the CLI keeps secrets (its tokens, cached credentials): the OS keychain where there is
// one — libsecret's `secret-tool` on Linux with a session bus, `security` on macOS — otherwise a
// file per secret, mode 0600, in a 0700 folder under the config folder. KEYPORT_KEYCHAIN=off
// forces the files. No native module: the keychains are driven through their own commands, the
// secret always on stdin, never in argv (which other users can read in the process list).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writePrivateFile } from './config.js';

// child_process only when a keychain is in use: the file store (and the warm credential-process
// path with it) does not load it.
const require = createRequire(import.meta.url);
/** @type {typeof import('node:child_process').spawnSync} */
const spawnSync = /** @type {typeof import('node:child_process').spawnSync} */ (/** @type {unknown} */ ((/** @type {any[]} */ ...args) => require('node:child_process').spawnSync(...args)));

/** @typedef {{ kind: 'secret-tool' | 'macos-keychain' | 'file'; get(name: string): string | null; set(name: string, value: string): void; delete(name: string): void; deletePrefix(prefix: string): void }} SecureStore */

/** @param {string} command @param {Record<string, string | undefined>} env */
function onPath(command, env) {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) if (dir && existsSync(path.join(dir, command))) return path.join(dir, command);
  return null;
}

/** @param {string} dir @param {Record<string, string | undefined>} [env] @returns {SecureStore} */
export function openSecureStore(dir, env = process.env) {
  if (env.KEYPORT_KEYCHAIN !== 'off') {
    if (process.platform === 'linux' && env.DBUS_SESSION_BUS_ADDRESS) {
      const tool = onPath('secret-tool', env);
      if (tool) return secretToolStore(tool, dir);
    }
    if (process.platform === 'darwin' && existsSync('/usr/bin/security')) return macosStore(dir);
  }
  return fileStore(path.join(dir, 'secrets'));
}

/** The names of stored secrets (not secret themselves), so a keychain store can clear by prefix. @param {string} dir */
function indexFile(dir) {
  return path.join(dir, 'secret-names.json');
}
/** @param {string} dir @returns {string[]} */
function readIndex(dir) {
  try {
    const names = JSON.parse(readFileSync(indexFile(dir), 'utf8'));
    return Array.isArray(names) ? names.filter((n) => typeof n === 'string') : [];
  } catch {
    return [];
  }
}
/** @param {string} dir @param {string[]} names */
function writeIndex(dir, names) {
  writePrivateFile(indexFile(dir), `${JSON.stringify([...new Set(names)].sort())}\n`);
}

/** @param {string} tool @param {string} dir @returns {SecureStore} */
function secretToolStore(tool, dir) {
  /** @param {string[]} args @param {string} [input] */
  const run = (args, input) => spawnSync(tool, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'], timeout: 10_000 });
  /** @type {SecureStore} */
  const store = {
    kind: 'secret-tool',
    get: (name) => {
      const r = run(['lookup', 'service', 'keyport', 'account', name]);
      return r.status === 0 && r.stdout ? r.stdout.replace(/\n$/, '') : null;
    },
    set: (name, value) => {
      const r = run(['store', `--label=keyport ${name}`, 'service', 'keyport', 'account', name], value);
      if (r.status !== 0) throw new Error('secret-tool could not store the secret');
      writeIndex(dir, [...readIndex(dir), name]);
    },
    delete: (name) => {
      run(['clear', 'service', 'keyport', 'account', name]);
      writeIndex(dir, readIndex(dir).filter((n) => n !== name));
    },
    deletePrefix: (prefix) => {
      for (const n of readIndex(dir)) if (n.startsWith(prefix)) store.delete(n);
    },
  };
  return store;
}

/** @param {string} dir @returns {SecureStore} */
function macosStore(dir) {
  // `security -i` reads its commands from stdin, so the secret is never in argv.
  /** @param {string} line */
  const interactive = (line) => spawnSync('/usr/bin/security', ['-i'], { input: `${line}\n`, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'], timeout: 10_000 });
  /** @param {string} s */
  const quote = (s) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  /** @type {SecureStore} */
  const store = {
    kind: 'macos-keychain',
    get: (name) => {
      const r = spawnSync('/usr/bin/security', ['find-generic-password', '-s', 'keyport', '-a', name, '-w'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
      return r.status === 0 && r.stdout ? r.stdout.replace(/\n$/, '') : null;
    },
    set: (name, value) => {
      const r = interactive(`add-generic-password -U -s keyport -a ${quote(name)} -w ${quote(value)}`);
      if (r.status !== 0) throw new Error('the macOS keychain could not store the secret');
      writeIndex(dir, [...readIndex(dir), name]);
    },
    delete: (name) => {
      spawnSync('/usr/bin/security', ['delete-generic-password', '-s', 'keyport', '-a', name], { stdio: 'ignore', timeout: 10_000 });
      writeIndex(dir, readIndex(dir).filter((n) => n !== name));
    },
    deletePrefix: (prefix) => {
      for (const n of readIndex(dir)) if (n.startsWith(prefix)) store.delete(n);
    },
  };
  return store;
}

/** @param {string} name */
function safeFileName(name) {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`bad secret name ${name}`);
  return name;
}

/** @param {string} dir @returns {SecureStore} */
export function fileStore(dir) {
  return {
    kind: 'file',
    get: (name) => {
      try {
        return readFileSync(path.join(dir, safeFileName(name)), 'utf8');
      } catch {
        return null;
      }
    },
    set: (name, value) => writePrivateFile(path.join(dir, safeFileName(name)), value),
    delete: (name) => rmSync(path.join(dir, safeFileName(name)), { force: true }),
    deletePrefix: (prefix) => {
      let names = [];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      for (const n of names) if (n.startsWith(prefix)) rmSync(path.join(dir, n), { force: true });
    },
  };
}
