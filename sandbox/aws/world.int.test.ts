import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WORLD_PATH } from './testing';
import { loadWorld } from './world';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-world-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadWorld', () => {
  it('reads and validates sandbox/world.json', () => {
    const world = loadWorld(WORLD_PATH, { OIDC_ISSUER: 'https://idp.example.com', OIDC_CLIENT_ID: 'keyport', SAML_METADATA_URL: 'http://localhost:4002/metadata', BROKER_ISSUER: 'https://keyport.example.com/oidc' });
    expect(world.roles.length).toBeGreaterThanOrEqual(6);
    expect(world.oidcProviders.map((p) => p.url)).toEqual(['https://idp.example.com', 'https://idp.example.com', 'https://keyport.example.com/oidc', 'https://keyport.example.com/oidc']);
  });

  it('names the file when it cannot be read or parsed', () => {
    expect(() => loadWorld(join(dir, 'missing.json'), { OIDC_ISSUER: 'x', OIDC_CLIENT_ID: 'y' })).toThrow(/cannot read .*missing\.json/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "accounts": [ }');
    expect(() => loadWorld(bad, { OIDC_ISSUER: 'x', OIDC_CLIENT_ID: 'y' })).toThrow(/cannot read .*bad\.json/);
  });
});
