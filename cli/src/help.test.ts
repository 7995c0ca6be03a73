// `keyport --help` and every subcommand's --help say what it does, with an example; usage errors
// exit 2. Runs the real bin, as a person would.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../bin/keyport.js');
const COMMANDS = ['login', 'credential-process', 'configure', 'env', 'exec', 'console', 'roles', 'whoami', 'logout'];

describe('keyport --help', () => {
  it('lists every command, with examples and the exit codes', async () => {
    const { stdout } = await run(process.execPath, [BIN, '--help']);
    for (const c of COMMANDS) expect(stdout).toContain(`  ${c}`);
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('Exit codes:');
  });

  it.each(COMMANDS)('%s --help says what it does, with an example', async (c) => {
    const { stdout } = await run(process.execPath, [BIN, c, '--help']);
    expect(stdout).toMatch(new RegExp(`^Usage: keyport ${c} `));
    expect(stdout).toContain('Examples:');
  });

  it('a usage error exits 2 and names the missing option', async () => {
    const e = await run(process.execPath, [BIN, 'credential-process']).then(
      () => null,
      (err: { code?: number; stderr?: string }) => err,
    );
    expect(e?.code).toBe(2);
    expect(e?.stderr).toContain("required option '--role <name|arn>' not specified");
  });

  it('without a Keyport URL, says how to set one (exit 3), on one line', async () => {
    const e = await run(process.execPath, [BIN, 'credential-process', '--role', 'x'], { env: { NODE_ENV: 'test', PATH: process.env.PATH ?? '', XDG_CONFIG_HOME: '/nonexistent-keyport-test', HOME: '/nonexistent-keyport-test' } }).then(
      () => null,
      (err: { code?: number; stderr?: string; stdout?: string }) => err,
    );
    expect(e?.code).toBe(3);
    expect(e?.stdout).toBe('');
    expect(e?.stderr?.trim().split('\n')).toEqual(['keyport: No Keyport URL is set: run `keyport login --url https://<your Keyport>` (or set KEYPORT_URL).']);
  });

  it('an unreachable Keyport is named as such (exit 6)', async () => {
    const e = await run(process.execPath, [BIN, 'login', '--device-code', '--url', 'http://127.0.0.1:9'], { env: { NODE_ENV: 'test', PATH: process.env.PATH ?? '', XDG_CONFIG_HOME: '/tmp/keyport-help-test', KEYPORT_KEYCHAIN: 'off' } }).then(
      () => null,
      (err: { code?: number; stderr?: string }) => err,
    );
    expect(e?.code).toBe(6);
    expect(e?.stderr).toMatch(/^keyport: Keyport at http:\/\/127\.0\.0\.1:9 is unreachable/);
  });
});
