// `npm run issuer:rotate` and `npm run issuer:publish` on a sandbox data folder of their own: the
// new key is published before it signs, tokens of the old and the new key both verify against the
// published JWKS until the old key retires, and the published files are the issuer's documents.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBrokerToken } from '@/lib/broker/issue-broker-token';
import { jwksOf, MAX_TOKEN_LIFETIME_SECONDS, RETIREMENT_LEEWAY_SECONDS } from '@/lib/broker/key-set';
import { parseBrokerKeys } from '@/lib/broker/parse-broker-keys';
import { ensureSandboxBrokerKeys } from '@/sandbox/broker-keys';

const run = promisify(execFile);
let dir: string;
const keysFile = () => path.join(dir, 'broker-keys.json');
const env = (): NodeJS.ProcessEnv => ({ NODE_ENV: 'test', PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', KEYPORT_DATA_DIR: dir, PORT: '3999' });
const script = (name: string, args: string[] = []) => run(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], { env: env(), cwd: process.cwd() });
const ROLE = 'arn:aws:iam::111122223333:role/DevReadOnly';
const source = { person: 'alice@example.com', verifiedEmail: 'alice@example.com', mappingId: 'm', name: null, username: null, groups: [], idpKind: 'OIDC' as const };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'keyport-issuer-'));
  await ensureSandboxBrokerKeys(keysFile());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function mint(now = new Date()) {
  const keys = await parseBrokerKeys(readFileSync(keysFile(), 'utf8'));
  return (await issueBrokerToken({ keys, issuer: 'http://localhost:3999/oidc', audience: 'sts.amazonaws.com', roleArn: ROLE, tagSource: source, tagAttributes: [], now })).token;
}

describe('issuer:rotate and issuer:publish', () => {
  it('publishes the new key before it signs; old and new tokens verify until the old key retires', async () => {
    const byOld = await mint();
    // A lead of an hour, and the clock passed to the signer rather than slept through: the scripts'
    // own start-up time (seconds on a loaded machine) then cannot make the new key sign too early.
    const { stdout } = await script('issuer-rotate', ['--lead-seconds', '3600', '--alg', 'RS256']);
    expect(stdout).toMatch(/added key .* \(RS256\), published now/);
    expect(statSync(keysFile()).mode & 0o777).toBe(0o600);
    const out = path.join(dir, 'public');
    await script('issuer-publish', [out]);
    const published = JSON.parse(readFileSync(path.join(out, 'jwks'), 'utf8')) as JSONWebKeySet;
    expect(published.keys.map((k) => k.alg)).toEqual(['ES256', 'RS256']);
    expect(JSON.stringify(published)).not.toMatch(/"d"|"p"|"q"/);
    const rotated = await parseBrokerKeys(readFileSync(keysFile(), 'utf8'));
    const signsFrom = Date.parse(rotated.keys.find((k) => k.alg === 'RS256')?.signsFrom ?? '');
    // The new key does not sign yet, up to its start.
    expect(decodeProtectedHeader(await mint()).kid).toBe(decodeProtectedHeader(byOld).kid);
    expect(decodeProtectedHeader(await mint(new Date(signsFrom - 1000))).kid).toBe(decodeProtectedHeader(byOld).kid);

    const newAt = new Date(signsFrom + 1000);
    const byNew = await mint(newAt);
    expect(decodeProtectedHeader(byNew).alg).toBe('RS256');
    // The JWKS published before the new key signed already verifies its tokens, and the old ones.
    const jwks = createLocalJWKSet(published);
    const claims = { issuer: 'http://localhost:3999/oidc', audience: 'sts.amazonaws.com' };
    await expect(jwtVerify(byOld, jwks, claims)).resolves.toBeDefined();
    await expect(jwtVerify(byNew, jwks, { ...claims, currentDate: newAt })).resolves.toBeDefined();

    // Once every token of the old key has expired, the old key leaves the JWKS.
    const set = await parseBrokerKeys(readFileSync(keysFile(), 'utf8'));
    const newKey = set.keys.find((k) => k.alg === 'RS256');
    const retired = new Date(Date.parse(newKey?.signsFrom ?? '') + (MAX_TOKEN_LIFETIME_SECONDS + RETIREMENT_LEEWAY_SECONDS) * 1000);
    const later = createLocalJWKSet(jwksOf(set, retired));
    await expect(jwtVerify(byOld, later, { currentDate: new Date() })).rejects.toThrow();
    await expect(jwtVerify(byNew, later, { currentDate: newAt })).resolves.toBeDefined();
  });

  it('writes the discovery document pointing at the JWKS, for the configured issuer', async () => {
    const out = path.join(dir, 'public2');
    await script('issuer-publish', [out]);
    const discovery = JSON.parse(readFileSync(path.join(out, '.well-known', 'openid-configuration'), 'utf8')) as Record<string, unknown>;
    expect(discovery['issuer']).toBe('http://localhost:3999/oidc');
    expect(discovery['jwks_uri']).toBe('http://localhost:3999/oidc/jwks');
  });

  it('refuses a lead time of 0 and an unknown algorithm', async () => {
    await expect(script('issuer-rotate', ['--lead-seconds', '0'])).rejects.toMatchObject({ code: 2 });
    await expect(script('issuer-rotate', ['--alg', 'HS256'])).rejects.toMatchObject({ code: 2 });
  });

  it('refuses to publish without a folder', async () => {
    await expect(script('issuer-publish')).rejects.toMatchObject({ code: 2 });
  });
});
