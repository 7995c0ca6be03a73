// Glewlwyd 2.7 (Debian's `glewlwyd` package) as a third-party OIDC IdP on loopback, set up as its
// admin would for Keyport: a SQLite database from the package's own schema, its web app (with a
// config.json of our own: the package's is a symlink to a directory), an OIDC plugin signing ID
// tokens with RS256 and releasing a `groups` claim from a user property, the people, and a
// confidential client `keyport` (token_endpoint_auth_method client_secret_basic, which Glewlwyd
// requires for a confidential client) with Keyport's redirect URI. Everything is set up through
// Glewlwyd's admin API, except the schema.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { requireCommand, requirePath, startChild, waitForHttp, type Child } from './processes';
import type { ThirdPartyPerson } from './simplesamlphp';

const SCHEMA = '/usr/share/dbconfig-common/data/glewlwyd/install/sqlite3';
const WEBAPP = '/usr/share/glewlwyd/webapp';
const WEBAPP_CONFIG = '/etc/glewlwyd/config-2.7.json/config.json';
const ADMIN_PASSWORD = 'password'; // the package's schema creates admin / password

export interface Glewlwyd {
  url: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/** What an e2e test needs to change the `keyport` client as Glewlwyd's admin would. */
export interface GlewlwydClientFile {
  url: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export function keyportClient(c: GlewlwydClientFile, over: { tokenEndpointAuthMethod?: string } = {}) {
  return {
    client_id: c.clientId,
    name: 'Keyport',
    description: 'Keyport (e2e)',
    enabled: true,
    confidential: true,
    client_secret: c.clientSecret,
    redirect_uri: [c.redirectUri],
    authorization_type: ['code', 'refresh_token'],
    token_endpoint_auth_method: [over.tokenEndpointAuthMethod ?? 'client_secret_basic'],
    scope: [],
  };
}

/** Replaces the `keyport` client through Glewlwyd's admin API. */
export async function updateKeyportClient(c: GlewlwydClientFile, over: { tokenEndpointAuthMethod?: string }): Promise<void> {
  const admin = new Api(c.url);
  await admin.login('admin', ADMIN_PASSWORD);
  await admin.call('PUT', `/client/${c.clientId}`, keyportClient(c, over));
}

export function checkGlewlwydInstalled(): void {
  requireCommand('glewlwyd', 'glewlwyd');
  requireCommand('sqlite3', 'sqlite3');
  requirePath(SCHEMA, 'glewlwyd');
  requirePath(`${WEBAPP}/login.html`, 'glewlwyd');
  requirePath(WEBAPP_CONFIG, 'glewlwyd');
}

class Api {
  private cookie = '';
  constructor(private readonly base: string) {}

  async login(username: string, password: string): Promise<void> {
    const res = await fetch(`${this.base}/api/auth/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (!res.ok) throw new Error(`glewlwyd: sign-in as ${username} answered HTTP ${res.status}`);
    this.cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  }

  async call(method: string, route: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.base}/api${route}`, {
      method,
      headers: { 'content-type': 'application/json', cookie: this.cookie },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`glewlwyd: ${method} ${route} answered HTTP ${res.status}: ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as unknown) : null;
  }
}

/**
 * Copies a file or folder with every symbolic link replaced by what it points to. Debian's web
 * app links its CSS and JS to other packages (libjs-bootstrap, …), and Glewlwyd serves only files
 * whose real path is inside static_files_path. Done by hand: `cpSync`'s `dereference` keeps nested
 * links on Node 24 (seen here: the copied links made bootstrap.min.css and jquery.min.js 404).
 */
function copyDereferenced(from: string, to: string): void {
  if (statSync(from).isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from)) copyDereferenced(path.join(from, entry), path.join(to, entry));
    return;
  }
  copyFileSync(realpathSync(from), to);
}

export async function startGlewlwyd(opts: { port: number; dataDir: string; portalUrl: string; people: readonly ThirdPartyPerson[]; log: (line: string) => void }): Promise<Glewlwyd> {
  checkGlewlwydInstalled();
  const dir = path.resolve(opts.dataDir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const url = `http://127.0.0.1:${opts.port}`;
  const issuer = `${url}/api/oidc`;

  // The package's schema, with a `groups` property (several values) in the user backend's format.
  const db = path.join(dir, 'glewlwyd.db');
  const schema = readFileSync(SCHEMA, 'utf8').replace(
    /(INSERT INTO g_user_module_instance [^\n]*?"data-format":\{)/,
    '$1"groups":{"multiple":true,"read":true,"write":true,"profile-read":true,"profile-write":false},',
  );
  const init = spawnSync('sqlite3', [db], { input: schema, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`glewlwyd: creating the database failed: ${init.stderr}`);

  // The web app, with a real config.json (the package's is a symlink to a directory). Copied, not
  // linked: Glewlwyd serves only files whose real path is inside static_files_path.
  const webapp = path.join(dir, 'webapp');
  mkdirSync(webapp);
  for (const entry of readdirSync(WEBAPP)) if (entry !== 'config.json') copyDereferenced(path.join(WEBAPP, entry), path.join(webapp, entry));
  copyFileSync(WEBAPP_CONFIG, path.join(webapp, 'config.json'));

  const conf = readFileSync('/etc/glewlwyd/glewlwyd.conf', 'utf8')
    .replace(/^port=.*$/m, `port=${opts.port}\nbind_address="127.0.0.1"`)
    .replace(/^external_url=.*$/m, `external_url="${url}"`)
    .replace(/^log_mode=.*$/m, 'log_mode="console"')
    .replace(/^log_level=.*$/m, 'log_level="WARNING"')
    .replace(/^#?\s*static_files_path=.*$/m, `static_files_path="${webapp}/"`)
    .replace(/^@include .*glewlwyd-db\.conf.*$/m, `database =\n{\n  type = "sqlite3"\n  path = "${db}"\n};`)
    .replace(/^use_secure_connection=.*$/m, 'use_secure_connection=false');
  const confFile = path.join(dir, 'glewlwyd.conf');
  writeFileSync(confFile, conf);
  if (!existsSync(confFile)) throw new Error('glewlwyd: no configuration written');

  const child: Child = startChild({ name: 'glewlwyd', command: 'glewlwyd', args: ['-c', confFile, '-m', 'console', '-l', 'WARNING'], cwd: dir, log: opts.log });
  try {
    await waitForHttp(`${url}/api/`, 30_000, child, (s) => s < 500);
    const admin = new Api(url);
    await admin.login('admin', ADMIN_PASSWORD);

    // OpenID Connect asks for the password (Glewlwyd's own scheme), like any company sign-in.
    await admin.call('PUT', '/scope/openid', { name: 'openid', display_name: 'Open ID', description: 'Open ID Connect scope', password_required: true, password_max_age: 0, scheme: {} });

    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'e2e-1', alg: 'RS256', use: 'sig' };
    await admin.call('POST', '/mod/plugin/', {
      module: 'oidc',
      name: 'oidc',
      display_name: 'OpenID Connect',
      enabled: true,
      parameters: {
        iss: issuer,
        'jwks-private': JSON.stringify({ keys: [jwk] }),
        'default-kid': 'e2e-1',
        'access-token-duration': 3600,
        'refresh-token-duration': 1209600,
        'code-duration': 600,
        'refresh-token-rolling': true,
        'allow-non-oidc': false,
        'auth-type-code-enabled': true,
        'auth-type-refresh-enabled': true,
        'auth-type-token-enabled': false,
        'auth-type-id-token-enabled': false,
        'auth-type-password-enabled': false,
        'auth-type-client-enabled': false,
        'auth-type-none-enabled': false,
        'pkce-allowed': true,
        'pkce-method-plain-allowed': false,
        'subject-type': 'public',
        'name-claim': 'mandatory',
        'email-claim': 'mandatory',
        claims: [{ name: 'groups', 'user-property': 'groups', mandatory: true }],
        'allowed-scope': ['openid'],
      },
    });

    for (const p of opts.people) {
      await admin.call('POST', '/user/', { username: p.username, password: p.password, name: p.name, email: p.email, enabled: true, scope: ['openid'], groups: p.groups });
    }

    const clientId = 'keyport';
    const clientFile: GlewlwydClientFile = { url, clientId, clientSecret: randomBytes(24).toString('base64url'), redirectUri: `${opts.portalUrl}/api/auth/callback/oidc` };
    await admin.call('POST', '/client/', keyportClient(clientFile));
    // For the e2e tests that change the client as Glewlwyd's admin would (test data, loopback only).
    writeFileSync(path.join(dir, 'client.json'), JSON.stringify(clientFile), { mode: 0o600 });
    const clientSecret = clientFile.clientSecret;

    // Consent, as the people's IdP admins would have it: each has granted Keyport `openid`.
    for (const p of opts.people) {
      const user = new Api(url);
      await user.login(p.username, p.password);
      await user.call('PUT', `/auth/grant/${clientId}`, { scope: 'openid' });
    }

    await waitForHttp(`${issuer}/.well-known/openid-configuration`, 10_000, child, (s) => s === 200);
    return {
      url,
      issuer,
      clientId,
      clientSecret,
      close: () => child.stop(),
    };
  } catch (e) {
    await child.stop();
    throw e;
  }
}
