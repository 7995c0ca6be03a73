import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheEntry, readCached, REUSE_MARGIN_MS, shortKey, stillFresh, writeCached } from './credential-cache.js';
import { fileStore, openSecureStore } from './secure-store.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'keyport-cache-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const creds = (expiration: string) => ({ accessKeyId: 'ASIAEXAMPLEEXAMPLE00', secretAccessKey: 's', sessionToken: 't', expiration, region: 'us-east-1', assumedRoleArn: 'a', roleArn: 'r' });

describe('the 15-minute rule', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  it('reuses credentials with more than 15 minutes left, never with 15 or less', () => {
    expect(stillFresh(new Date(now + REUSE_MARGIN_MS + 1000).toISOString(), now)).toBe(true);
    expect(stillFresh(new Date(now + REUSE_MARGIN_MS).toISOString(), now)).toBe(false);
    expect(stillFresh(new Date(now + 60_000).toISOString(), now)).toBe(false);
    expect(stillFresh(new Date(now - 1).toISOString(), now)).toBe(false);
    expect(stillFresh('not a date', now)).toBe(false);
  });

  it('a cached entry past the margin is not returned, and expiring ones are not even written', () => {
    const store = fileStore(tmp());
    const name = cacheEntry('https://k', { role: 'dev' });
    writeCached(store, name, creds(new Date(now + 14 * 60_000).toISOString()), now);
    expect(readCached(store, name, now)).toBeNull();
    writeCached(store, name, creds(new Date(now + 3600_000).toISOString()), now);
    expect(readCached(store, name, now)?.accessKeyId).toBe('ASIAEXAMPLEEXAMPLE00');
    expect(readCached(store, name, now + 46 * 60_000)).toBeNull();
  });

  it('caches per portal, role, duration and region', () => {
    const names = new Set(
      [cacheEntry('https://a', { role: 'dev' }), cacheEntry('https://b', { role: 'dev' }), cacheEntry('https://a', { role: 'prod' }), cacheEntry('https://a', { role: 'dev', durationSeconds: 900 }), cacheEntry('https://a', { role: 'dev', region: 'eu-west-1' })].map((e) => e.name),
    );
    expect(names.size).toBe(5);
  });

  it('hands out an entry only for the request it was stored for, whatever the name (a shared key is a miss, never another role)', () => {
    const store = fileStore(tmp());
    const dev = cacheEntry('https://k', { role: 'dev' });
    const prod = cacheEntry('https://k', { role: 'prod' });
    writeCached(store, dev, creds(new Date(now + 3600_000).toISOString()), now);
    // As if prod's key were dev's: the stored request does not match, so nothing is returned.
    expect(readCached(store, { name: dev.name, request: prod.request }, now)).toBeNull();
    expect(readCached(store, dev, now)?.accessKeyId).toBe('ASIAEXAMPLEEXAMPLE00');
    // An entry written before entries carried their request is a miss too.
    store.set(dev.name, JSON.stringify(creds(new Date(now + 3600_000).toISOString())));
    expect(readCached(store, dev, now)).toBeNull();
  });

  it('keys are 16 hex characters, stable, and differ for nearby inputs', () => {
    expect(shortKey('https://keyport.example.com')).toMatch(/^[0-9a-f]{16}$/);
    expect(shortKey('https://keyport.example.com')).toBe(shortKey('https://keyport.example.com'));
    const keys = new Set(Array.from({ length: 10_000 }, (_, i) => shortKey(`["https://k","role-${i}",900,"us-east-1"]`)));
    expect(keys.size).toBe(10_000);
  });
});

describe('the file store', () => {
  it('writes each secret 0600 in a 0700 folder', () => {
    const dir = tmp();
    const store = openSecureStore(dir, { KEYPORT_KEYCHAIN: 'off', PATH: '' });
    expect(store.kind).toBe('file');
    store.set('tokens-abc', 'secret');
    const secrets = path.join(dir, 'secrets');
    expect((statSync(secrets).mode & 0o777).toString(8)).toBe('700');
    for (const f of readdirSync(secrets)) expect((statSync(path.join(secrets, f)).mode & 0o777).toString(8)).toBe('600');
    expect(store.get('tokens-abc')).toBe('secret');
    store.deletePrefix('tokens-');
    expect(store.get('tokens-abc')).toBeNull();
  });

  it('uses the file store when no keychain command is on the PATH', () => {
    expect(openSecureStore(tmp(), { PATH: '/nonexistent', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' }).kind).toBe(process.platform === 'darwin' ? 'macos-keychain' : 'file');
  });

  it('refuses names that could leave its folder', () => {
    expect(() => fileStore(tmp()).set('../x', 'y')).toThrow();
  });
});
