// The warm path answers exactly what the full command would, and hands everything else to it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { writeConfig } from './config.js';
import { cacheEntry, writeCached } from './credential-cache.js';
import { openSecureStore } from './secure-store.js';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../bin/keyport.js');
const home = mkdtempSync(path.join(tmpdir(), 'keyport-fast-'));
const dir = path.join(home, 'keyport');
const env = { NODE_ENV: 'test' as const, PATH: process.env.PATH ?? '', XDG_CONFIG_HOME: home, KEYPORT_KEYCHAIN: 'off' };
const URL_ = 'http://127.0.0.1:9';
const ROLE = 'arn:aws:iam::111122223333:role/Dev';
afterAll(() => rmSync(home, { recursive: true, force: true }));

writeConfig(dir, { url: URL_ });
const store = openSecureStore(dir, env);
const entry = (expiresInMs: number) => ({ accessKeyId: 'ASIAFASTPATHTEST0000', secretAccessKey: 'c2VjcmV0', sessionToken: 'dG9rZW4=', expiration: new Date(Date.now() + expiresInMs).toISOString(), region: 'us-east-1', assumedRoleArn: 'a', roleArn: ROLE });
const fail = (args: string[]) =>
  run(process.execPath, [BIN, ...args], { env }).then(
    () => ({ code: 0, stderr: '' }),
    (e: { code?: number; stderr?: string }) => ({ code: e.code ?? -1, stderr: e.stderr ?? '' }),
  );

describe('credential-process, warm', () => {
  it('prints the credential_process JSON from the cache', async () => {
    const c = entry(3600_000);
    writeCached(store, cacheEntry(URL_, { role: ROLE }), c);
    const { stdout } = await run(process.execPath, [BIN, 'credential-process', '--role', ROLE], { env });
    expect(JSON.parse(stdout)).toEqual({ Version: 1, AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: c.expiration.replace(/Z$/, '000+00:00').replace(/\.000000\+/, '+') });
  });

  it('keys the cache by duration and region as the full command does', async () => {
    writeCached(store, cacheEntry(URL_, { role: ROLE, durationSeconds: 1800, region: 'eu-west-1' }), entry(3600_000));
    const { stdout } = await run(process.execPath, [BIN, 'credential-process', '--role', ROLE, '--duration', '1800', '--region', 'eu-west-1'], { env });
    expect((JSON.parse(stdout) as { Version: number }).Version).toBe(1);
  });

  it('hands over to the full command: an expiring entry (not logged in here), a bad option, a bad duration', async () => {
    writeCached(store, cacheEntry(URL_, { role: `${ROLE}-soon` }), entry(10 * 60_000));
    const soon = await fail(['credential-process', '--role', `${ROLE}-soon`]);
    expect(soon.code).toBe(3);
    expect(soon.stderr).toContain('Not logged in to Keyport');
    expect((await fail(['credential-process', '--role', ROLE, '--bogus'])).code).toBe(2);
    const badDuration = await fail(['credential-process', '--role', ROLE, '--duration', '60']);
    expect(badDuration.code).toBe(2);
    expect(badDuration.stderr).toContain('from 900 to 43200');
  });
});
