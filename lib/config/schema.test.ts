import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, wantsSandbox } from './schema';

const full = {
  OIDC_ISSUER: 'https://idp.example.com',
  OIDC_CLIENT_ID: 'keyport',
  OIDC_CLIENT_SECRET: 's3cret',
  DATABASE_URL: 'postgresql://db.example.com/keyport',
  AUTH_SECRET: 'x'.repeat(40),
  KEYPORT_URL: 'https://keyport.example.com',
  ADMIN_GROUPS: 'cloud-admins, keyport-admins',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('accepts a complete production configuration', () => {
    const c = parseConfig(full);
    expect(c.mode).toBe('configured');
    expect(c.secureCookies).toBe(true);
    expect(c.adminGroups).toEqual(['cloud-admins', 'keyport-admins']);
    expect(c.oidc.scopes).toBe('openid email profile');
    expect(c.oidc.groupsClaim).toBe('groups');
  });

  it('names every missing setting of an incomplete production configuration', () => {
    const problems = problemsOf({ OIDC_ISSUER: 'https://idp.example.com', OIDC_CLIENT_ID: 'keyport' });
    expect(problems.join('\n')).toContain('missing OIDC_CLIENT_SECRET, DATABASE_URL, AUTH_SECRET, KEYPORT_URL');
  });

  it('refuses a short AUTH_SECRET and a non-URL issuer', () => {
    const problems = problemsOf({ ...full, AUTH_SECRET: 'short', OIDC_ISSUER: 'idp.example.com' });
    expect(problems.some((p) => p.includes('AUTH_SECRET must be at least 32'))).toBe(true);
    expect(problems.some((p) => p.includes('OIDC_ISSUER must be an http(s) URL'))).toBe(true);
  });

  it('requires admin groups outside the sandbox', () => {
    expect(problemsOf({ ...full, ADMIN_GROUPS: '' }).join()).toContain('ADMIN_GROUPS');
  });

  it('refuses to start with nothing configured unless in sandbox mode', () => {
    expect(problemsOf({}).join()).toContain('no identity provider is configured');
  });

  it('sandbox mode only needs what the sandbox provides', () => {
    const c = parseConfig({
      KEYPORT_SANDBOX: '1',
      DATABASE_URL: 'postgresql://localhost:5433/keyport',
      AUTH_SECRET: 'y'.repeat(32),
      OIDC_ISSUER: 'http://localhost:4001',
      OIDC_CLIENT_ID: 'keyport',
      OIDC_CLIENT_SECRET: 'sandbox',
    });
    expect(c.mode).toBe('sandbox');
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.secureCookies).toBe(false);
  });

  it('trusts no proxy hop by default, and takes a bounded TRUSTED_PROXY_HOPS', () => {
    expect(parseConfig(full).trustedProxyHops).toBe(0);
    expect(parseConfig({ ...full, TRUSTED_PROXY_HOPS: '2' }).trustedProxyHops).toBe(2);
    expect(problemsOf({ ...full, TRUSTED_PROXY_HOPS: '-1' }).join()).toContain('TRUSTED_PROXY_HOPS');
    expect(problemsOf({ ...full, TRUSTED_PROXY_HOPS: 'all' }).join()).toContain('TRUSTED_PROXY_HOPS');
    expect(problemsOf({ ...full, TRUSTED_PROXY_HOPS: '1.5' }).join()).toContain('TRUSTED_PROXY_HOPS');
  });

  it('refuses a guessable peer token', () => {
    expect(parseConfig(full).peerToken).toBeUndefined();
    expect(parseConfig({ ...full, KEYPORT_PEER_TOKEN: 'a'.repeat(43) }).peerToken).toBe('a'.repeat(43));
    expect(problemsOf({ ...full, KEYPORT_PEER_TOKEN: 'short' }).join()).toContain('KEYPORT_PEER_TOKEN');
    expect(problemsOf({ ...full, KEYPORT_PEER_TOKEN: `${'a'.repeat(40)} 1.2.3.4` }).join()).toContain('KEYPORT_PEER_TOKEN');
  });

  it('serves TLS itself only with both PEM files and an https KEYPORT_URL', () => {
    expect(parseConfig(full).tls).toBeNull();
    expect(parseConfig({ ...full, KEYPORT_TLS_CERT_FILE: '/etc/keyport/tls.crt', KEYPORT_TLS_KEY_FILE: '/etc/keyport/tls.key' }).tls).toEqual({ certFile: '/etc/keyport/tls.crt', keyFile: '/etc/keyport/tls.key' });
    expect(problemsOf({ ...full, KEYPORT_TLS_CERT_FILE: '/etc/keyport/tls.crt' }).join()).toContain('set both KEYPORT_TLS_CERT_FILE and KEYPORT_TLS_KEY_FILE');
    expect(problemsOf({ ...full, KEYPORT_URL: 'http://keyport.example.com', KEYPORT_TLS_CERT_FILE: 'a', KEYPORT_TLS_KEY_FILE: 'b' }).join()).toContain('KEYPORT_URL must be an https URL');
  });

  it('wantsSandbox only when no IdP setting is present', () => {
    expect(wantsSandbox({})).toBe(true);
    expect(wantsSandbox({ OIDC_ISSUER: 'https://idp.example.com' })).toBe(false);
  });
});

describe('parseConfig with SAML', () => {
  const base = { DATABASE_URL: 'postgresql://db.example.com/keyport', AUTH_SECRET: 'x'.repeat(40), KEYPORT_URL: 'https://keyport.example.com', ADMIN_GROUPS: 'keyport-admins' };

  it('accepts a SAML-only production configuration by metadata URL', () => {
    const c = parseConfig({ ...base, SAML_IDP_METADATA_URL: 'https://idp.example.com/metadata' });
    expect(c.mode).toBe('configured');
    expect(c.oidcEnabled).toBe(false);
    expect(c.saml).toMatchObject({ idp: { kind: 'metadata', metadataUrl: 'https://idp.example.com/metadata' }, spEntityId: 'https://keyport.example.com/api/saml/metadata', groupsAttribute: 'groups', allowIdpInitiated: false });
    expect(wantsSandbox({ SAML_IDP_METADATA_URL: 'https://idp.example.com/metadata' })).toBe(false);
  });

  it('accepts SAML by hand (entity id, SSO URL, certificates) next to OIDC', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----';
    const c = parseConfig({ ...full, SAML_IDP_ENTITY_ID: 'urn:idp', SAML_IDP_SSO_URL: 'https://idp.example.com/sso', SAML_IDP_CERT: `${pem}\n${pem}`, SAML_ALLOW_IDP_INITIATED: 'true' });
    expect(c.oidcEnabled).toBe(true);
    expect(c.saml?.idp).toEqual({ kind: 'manual', entityId: 'urn:idp', ssoUrl: 'https://idp.example.com/sso', certs: [pem, pem] });
    expect(c.saml?.allowIdpInitiated).toBe(true);
  });

  it('trusts SAML metadata only over HTTPS outside the sandbox', () => {
    expect(problemsOf({ ...base, SAML_IDP_METADATA_URL: 'http://idp.example.com/metadata' }).join()).toContain('SAML_IDP_METADATA_URL must be an https:// URL');
    expect(problemsOf({ ...base, SAML_IDP_METADATA_URL: 'HTTP://idp.example.com/metadata' }).join()).toContain('https://');
    expect(() => parseConfig({ ...base, SAML_IDP_METADATA_URL: 'https://idp.example.com/metadata' })).not.toThrow();
    // The sandbox's own IdP runs on loopback over plain HTTP.
    expect(() => parseConfig({ KEYPORT_SANDBOX: '1', DATABASE_URL: 'postgresql://localhost/k', AUTH_SECRET: 'x'.repeat(40), SAML_IDP_METADATA_URL: 'http://localhost:4002/metadata' })).not.toThrow();
  });

  it('names what an incomplete SAML configuration misses', () => {
    expect(problemsOf({ ...base, SAML_IDP_ENTITY_ID: 'urn:idp' }).join()).toContain('missing SAML_IDP_SSO_URL, SAML_IDP_CERT');
    expect(problemsOf({ ...base, SAML_IDP_METADATA_URL: 'https://idp.example.com/m', SAML_IDP_METADATA_FILE: '/etc/m.xml' }).join()).toContain('not both');
  });
});

describe('STS timeouts', () => {
  it('default to a 15 s whole-call deadline and a 3 s connect timeout', () => {
    const c = parseConfig(full);
    expect([c.stsTimeoutMs, c.stsConnectTimeoutMs]).toEqual([15_000, 3_000]);
    expect(parseConfig({ ...full, STS_TIMEOUT_MS: '8000', STS_CONNECT_TIMEOUT_MS: '1500' })).toMatchObject({ stsTimeoutMs: 8_000, stsConnectTimeoutMs: 1_500 });
  });

  it('refuses a connect timeout that is not below the whole deadline', () => {
    expect(problemsOf({ ...full, STS_TIMEOUT_MS: '3000' }).join()).toContain('STS_CONNECT_TIMEOUT_MS (3000) must be below STS_TIMEOUT_MS (3000)');
    expect(problemsOf({ ...full, STS_TIMEOUT_MS: '5000', STS_CONNECT_TIMEOUT_MS: '9000' }).join()).toContain('must be below');
  });

  it('refuses non-numbers, fractions and values out of range', () => {
    expect(problemsOf({ ...full, STS_TIMEOUT_MS: 'soon' }).join()).toContain('STS_TIMEOUT_MS');
    expect(problemsOf({ ...full, STS_TIMEOUT_MS: '1500.5' }).join()).toContain('STS_TIMEOUT_MS');
    expect(problemsOf({ ...full, STS_TIMEOUT_MS: '999' }).join()).toContain('STS_TIMEOUT_MS');
    expect(problemsOf({ ...full, STS_TIMEOUT_MS: '120001' }).join()).toContain('STS_TIMEOUT_MS');
    expect(problemsOf({ ...full, STS_CONNECT_TIMEOUT_MS: '0' }).join()).toContain('STS_CONNECT_TIMEOUT_MS');
    expect(problemsOf({ ...full, STS_CONNECT_TIMEOUT_MS: '-5' }).join()).toContain('STS_CONNECT_TIMEOUT_MS');
  });

  describe('broker mode', () => {
    it('defaults to passthrough, issuer $KEYPORT_URL/oidc and audience sts.amazonaws.com', () => {
      const c = parseConfig(full);
      expect(c.federationMode).toBe('passthrough');
      expect(c.broker).toEqual({ issuerUrl: 'https://keyport.example.com/oidc', audience: 'sts.amazonaws.com', keys: null, saml: null });
    });

    it('takes a key file or an inline key, and an issuer of its own', () => {
      const c = parseConfig({ ...full, FEDERATION_MODE: 'broker', BROKER_KEYS_FILE: '/etc/keyport/broker-keys.json', BROKER_ISSUER_URL: 'https://issuer.example.com/keyport/', BROKER_AUDIENCE: 'keyport-aws' });
      expect(c.broker).toEqual({ issuerUrl: 'https://issuer.example.com/keyport', audience: 'keyport-aws', keys: { kind: 'file', path: '/etc/keyport/broker-keys.json' }, saml: null });
      expect(parseConfig({ ...full, FEDERATION_MODE: 'broker', BROKER_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----' }).broker.keys).toEqual({ kind: 'inline', text: '-----BEGIN PRIVATE KEY-----' });
    });

    it('refuses broker mode without a key', () => {
      expect(problemsOf({ ...full, FEDERATION_MODE: 'broker' }).join('\n')).toMatch(/needs Keyport's signing key/);
    });

    it('refuses both a key file and an inline key', () => {
      expect(problemsOf({ ...full, BROKER_SIGNING_KEY: 'x', BROKER_KEYS_FILE: '/k' }).join('\n')).toMatch(/not both/);
    });

    it('refuses a plain-HTTP issuer outside the sandbox', () => {
      expect(problemsOf({ ...full, FEDERATION_MODE: 'broker', BROKER_KEYS_FILE: '/k', BROKER_ISSUER_URL: 'http://keyport.internal/oidc' }).join('\n')).toMatch(/must be an https:\/\/ URL/);
    });

    it("takes Keyport's SAML key and certificate together, with a stable metadata URL", () => {
      expect(parseConfig({ ...full, BROKER_SAML_KEY_FILE: '/k.pem', BROKER_SAML_CERT_FILE: '/c.pem' }).broker.saml).toEqual({
        entityId: 'https://keyport.example.com/saml-idp',
        keyFile: '/k.pem',
        certFile: '/c.pem',
        metadataUrl: 'https://keyport.example.com/saml-idp/metadata',
      });
      expect(problemsOf({ ...full, BROKER_SAML_KEY_FILE: '/k.pem' }).join('\n')).toMatch(/set both BROKER_SAML_KEY_FILE and BROKER_SAML_CERT_FILE/);
    });

    it('refuses an unknown mode', () => {
      expect(problemsOf({ ...full, FEDERATION_MODE: 'both' }).join('\n')).toMatch(/FEDERATION_MODE/);
    });
  });
});

describe('IdP claim settings', () => {
  const saml = { ...full, SAML_IDP_ENTITY_ID: 'https://idp', SAML_IDP_SSO_URL: 'https://idp/sso', SAML_IDP_CERT: 'MIIB' };
  it('match SAML issuance on e-mail and keep group paths whole by default', () => {
    const c = parseConfig(saml);
    expect(c.saml?.matchAttribute).toBe('email');
    expect(c.saml?.groupPaths).toBe('exact');
    expect(c.oidc.groupPaths).toBe('exact');
  });
  it('take username / nameid and strip', () => {
    const c = parseConfig({ ...saml, SAML_MATCH_ATTRIBUTE: 'nameid', IDP_GROUP_PATHS: 'strip' });
    expect(c.saml?.matchAttribute).toBe('nameid');
    expect(c.oidc.groupPaths).toBe('strip');
  });
  it('refuse an unknown match attribute or group-path mode, naming the setting', () => {
    expect(problemsOf({ ...saml, SAML_MATCH_ATTRIBUTE: 'mail' }).join('\n')).toMatch(/SAML_MATCH_ATTRIBUTE/);
    expect(problemsOf({ ...saml, IDP_GROUP_PATHS: 'last' }).join('\n')).toMatch(/IDP_GROUP_PATHS/);
  });
});
