// The sandbox OIDC IdP: a real OpenID Provider (oidc-provider) on loopback with the demo people,
// standing in for the company IdP in development, demos and tests.
//
//   startOidcIdp({ clients, people }) → discovery, JWKS, code flow with PKCE (S256, required),
//   userinfo, refresh tokens, RP-initiated logout, a sign-in page, and /sandbox/people to change
//   a person's groups at run time.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import Provider, {
  type Account,
  type Client,
  type Configuration,
  type Grant,
  type Interaction,
  type KoaContextWithOIDC,
} from 'oidc-provider';

import type { DemoPerson } from '../people';
import { createDirectory, InvalidGroupsError, parseGroupList, subjectFor, type Directory } from './directory';
import { createMemoryStore } from './memory-adapter';
import {
  loginPage,
  logoutPage,
  messagePage,
  PAGE_SECURITY_HEADERS,
  peoplePage,
  STYLESHEET,
  STYLESHEET_PATH,
} from './pages';
import { generateState, loadOrCreateState, writeState, type IdpState } from './state';
import { HttpError, readForm } from '../http-form';

export { subjectFor } from './directory';

export interface OidcIdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
}

export interface StartOidcIdpOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Interface to listen on; defaults to 127.0.0.1 (loopback only). */
  host?: string;
  /** Defaults to http://localhost:<port>. Must not have a path. */
  issuer?: string;
  clients: OidcIdpClient[];
  /** People with `idp: 'saml'` are ignored: they are not known to this IdP. */
  people: readonly DemoPerson[];
  /** JSON file keeping signing keys, cookie keys and group edits across restarts. */
  statePath?: string;
  /** ID token (and access token) lifetime; default 3600. */
  idTokenTtlSeconds?: number;
  /** Structured log sink; entries never carry passwords or tokens. */
  log?: (entry: Record<string, unknown>) => void;
}

export interface OidcIdp {
  issuer: string;
  /** Where the server actually listens, e.g. http://127.0.0.1:4001. */
  url: string;
  close(): Promise<void>;
  /** Replaces a person's groups for tokens issued from now on (persisted with `statePath`). */
  setGroups(username: string, groups: string[]): void;
  /** The people with their current groups. */
  people(): DemoPerson[];
}

const SCOPES = ['openid', 'offline_access', 'email', 'profile', 'groups'];
const MAX_FORM_BYTES = 16 * 1024;


function sendPage(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(body);
}

function redirect(res: ServerResponse, location: string): void {
  res.statusCode = 303;
  res.setHeader('Location', location);
  res.setHeader('Cache-Control', 'no-store');
  res.end();
}


/**
 * Forms must come from this server's own pages. Browsers send Sec-Fetch-Site (which a page
 * cannot forge) and Origin on POST — but under `Referrer-Policy: no-referrer` Chromium sends
 * `Origin: null` even for same-origin forms, so Sec-Fetch-Site decides when present. Scripts
 * and CLIs send neither, which is fine on a loopback sandbox.
 */
function assertSameOrigin(req: IncomingMessage, issuer: string): void {
  const refuse = () => new HttpError(403, 'Cross-site form refused', 'This form only accepts submissions from its own page.');
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) {
    if (site !== 'same-origin' && site !== 'none') throw refuse();
    return;
  }
  const origin = req.headers.origin;
  const allowed = new Set([new URL(issuer).origin]);
  if (req.headers.host) allowed.add(`http://${req.headers.host}`);
  if (origin !== undefined && !allowed.has(origin)) throw refuse();
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function accountFor(directory: Directory, sub: string): Account | undefined {
  if (!directory.findBySub(sub)) return undefined;
  return {
    accountId: sub,
    // Read at issue time, so a group change shows up in the next token, refreshes included.
    claims() {
      const entry = directory.findBySub(sub);
      if (!entry) return { sub };
      const { person } = entry;
      return {
        sub,
        name: person.name,
        preferred_username: person.username,
        email: person.email,
        email_verified: true,
        groups: person.groups,
      };
    },
  };
}

/** Every registered client is first-party: grant what it asks for without a consent screen. */
async function autoGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { oidc } = ctx;
  const client = oidc.client;
  const accountId = oidc.session.accountId;
  if (!client || !accountId) return undefined;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(client.clientId);
  const found = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  const grant =
    found && found.accountId === accountId ? found : new oidc.provider.Grant({ accountId, clientId: client.clientId });
  const scopes = [...oidc.requestParamOIDCScopes];
  if (scopes.length > 0) grant.addOIDCScope(scopes.join(' '));
  const claims = [...oidc.requestParamClaims];
  if (claims.length > 0) grant.addOIDCClaims(claims);
  await grant.save();
  return grant;
}

function errorFields(err: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = { error: err.message };
  if ('error_description' in err && typeof err.error_description === 'string') {
    fields.description = err.error_description;
  }
  return fields;
}

export async function startOidcIdp(opts: StartOidcIdpOptions): Promise<OidcIdp> {
  if (opts.clients.length === 0) throw new Error('startOidcIdp: register at least one client');
  for (const client of opts.clients) {
    if (!client.clientSecret) throw new Error(`startOidcIdp: client "${client.clientId}" needs a clientSecret`);
    if (client.redirectUris.length === 0) throw new Error(`startOidcIdp: client "${client.clientId}" needs a redirect URI`);
  }
  const idTokenTtl = opts.idTokenTtlSeconds ?? 3600;
  if (!Number.isInteger(idTokenTtl) || idTokenTtl < 1) {
    throw new Error('startOidcIdp: idTokenTtlSeconds must be a positive integer');
  }
  const log = opts.log ?? (() => {});
  const host = opts.host ?? '127.0.0.1';

  const state: IdpState = opts.statePath ? await loadOrCreateState(opts.statePath) : await generateState();
  const directory = createDirectory(opts.people, state.groups);
  const persist = (): void => {
    if (!opts.statePath) return;
    writeState(opts.statePath, { ...state, groups: directory.groupOverrides() });
  };

  const server = createServer();
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await listen(server, opts.port ?? 0, host);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('startOidcIdp: server has no TCP address');
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  const closeServer = async (): Promise<void> => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    });
    // Let keep-alive clients in this process (fetch's pool) see the closed sockets before the
    // caller goes on, e.g. to restart on the same port, so they do not reuse a dead connection:
    // two check phases guarantee one I/O poll phase in between, where the FINs are read.
    for (let i = 0; i < 2; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  };

  let issuer: string;
  let provider: Provider;
  const store = createMemoryStore(15);
  try {
    issuer = (opts.issuer ?? `http://localhost:${address.port}`).replace(/\/+$/, '');
    const parsedIssuer = new URL(issuer);
    if (parsedIssuer.pathname !== '/' || parsedIssuer.search || parsedIssuer.hash) {
      throw new Error(`startOidcIdp: issuer must be an origin without path, query or fragment (got ${issuer})`);
    }
    const clientOrigins = new Map(
      opts.clients.map((c) => [c.clientId, new Set(c.redirectUris.map((u) => new URL(u).origin))]),
    );

    const configuration: Configuration = {
      adapter: store.adapterFor,
      clients: opts.clients.map((c) => ({
        client_id: c.clientId,
        client_secret: c.clientSecret,
        redirect_uris: c.redirectUris,
        post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic', // client_secret_post is accepted too
        id_token_signed_response_alg: 'RS256',
      })),
      clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
      responseTypes: ['code'],
      scopes: SCOPES,
      claims: {
        // `groups` rides with `openid` so every ID token carries it, whatever else is asked for.
        openid: ['sub', 'groups'],
        email: ['email', 'email_verified'],
        profile: ['name', 'preferred_username'],
        groups: ['groups'],
      },
      // Put the scope's claims in the ID token itself (Keyport reads groups from it), not only userinfo.
      conformIdTokenClaims: false,
      cookies: {
        keys: state.cookieKeys,
        // Plain http on loopback: oidc-provider only marks cookies Secure when the request is https.
        long: { httpOnly: true, sameSite: 'lax' },
        short: { httpOnly: true, sameSite: 'lax' },
      },
      jwks: { keys: state.signingKeys },
      pkce: { required: () => true },
      features: {
        devInteractions: { enabled: false },
        userinfo: { enabled: true },
        revocation: { enabled: true },
        introspection: { enabled: false },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource(ctx, form) {
            for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) ctx.set(name, value);
            ctx.type = 'html';
            ctx.body = logoutPage(ctx.host, form);
          },
          postLogoutSuccessSource(ctx) {
            for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) ctx.set(name, value);
            ctx.type = 'html';
            ctx.body = messagePage('Signed out', 'You are signed out of the Keyport sandbox IdP.');
          },
        },
      },
      findAccount: async (_ctx, sub) => accountFor(directory, sub),
      loadExistingGrant: autoGrant,
      // Refresh tokens for every code exchange of our (confidential, first-party) clients,
      // with or without offline_access, so next-auth's default scope gets one too.
      issueRefreshToken: (_ctx, client, source) =>
        client.grantTypeAllowed('refresh_token') && source.scopes.has('openid'),
      clientBasedCORS: (_ctx, origin, client: Client) => clientOrigins.get(client.clientId)?.has(origin) ?? false,
      renderError(ctx, out) {
        for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) ctx.set(name, value);
        ctx.type = 'html';
        const details: Record<string, string> = { error: out.error };
        if (out.error_description) details.description = out.error_description;
        ctx.body = messagePage('Sign-in request refused', 'The identity provider could not handle this request.', details);
      },
      ttl: {
        AccessToken: idTokenTtl,
        AuthorizationCode: 60,
        IdToken: idTokenTtl,
        RefreshToken: 24 * 60 * 60,
        Interaction: 60 * 60,
        Session: 8 * 60 * 60,
        Grant: 24 * 60 * 60,
      },
    };
    provider = new Provider(issuer, configuration);
  } catch (err) {
    await closeServer();
    throw err;
  }

  provider.on('server_error', (_ctx, err) => log({ event: 'oidc.server_error', ...errorFields(err) }));
  provider.on('authorization.error', (_ctx, err) => log({ event: 'oidc.authorization_error', ...errorFields(err) }));
  provider.on('grant.error', (_ctx, err) => log({ event: 'oidc.token_error', ...errorFields(err) }));
  provider.on('end_session.success', () => log({ event: 'oidc.signed_out' }));

  const providerCallback = provider.callback();

  const loginPageFor = (interaction: Interaction, extra: { username?: string; error?: string } = {}): string => {
    const clientId = typeof interaction.params.client_id === 'string' ? interaction.params.client_id : 'an application';
    return loginPage({ uid: interaction.uid, clientName: clientId, people: directory.people(), ...extra });
  };

  const loadInteraction = async (req: IncomingMessage, res: ServerResponse, uid: string): Promise<Interaction> => {
    let interaction: Interaction;
    try {
      interaction = await provider.interactionDetails(req, res);
    } catch {
      throw new HttpError(
        400,
        'Sign-in request expired',
        'This sign-in request has expired or was already used. Go back to the application and sign in again.',
      );
    }
    if (interaction.uid !== uid) {
      throw new HttpError(400, 'Sign-in request mismatch', 'This page does not belong to the current sign-in request.');
    }
    return interaction;
  };

  // GET /interaction/:uid — the sign-in page, or an automatic consent for our first-party clients.
  const showInteraction = async (req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> => {
    const interaction = await loadInteraction(req, res, uid);
    if (interaction.prompt.name === 'login') {
      sendPage(res, 200, loginPageFor(interaction));
      return;
    }
    if (interaction.prompt.name === 'consent') {
      const accountId = interaction.session?.accountId;
      const clientId = interaction.params.client_id;
      if (!accountId || typeof clientId !== 'string') {
        throw new HttpError(400, 'Sign-in request incomplete', 'Sign in again from the application.');
      }
      const { details } = interaction.prompt;
      const found = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
      const grant = found ?? new provider.Grant({ accountId, clientId });
      if (details.missingOIDCScope?.length) grant.addOIDCScope(details.missingOIDCScope.join(' '));
      if (details.missingOIDCClaims?.length) grant.addOIDCClaims(details.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
        grant.addResourceScope(indicator, scopes.join(' '));
      }
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    throw new HttpError(400, 'Unsupported step', `The sandbox IdP cannot handle the "${interaction.prompt.name}" step.`);
  };

  // POST /interaction/:uid/login — check the password; same answer for unknown users and wrong passwords.
  const submitLogin = async (req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> => {
    assertSameOrigin(req, issuer);
    const interaction = await loadInteraction(req, res, uid);
    if (interaction.prompt.name !== 'login') {
      throw new HttpError(400, 'Already signed in', 'This sign-in request no longer expects a password.');
    }
    const form = await readForm(req, { maxBytes: MAX_FORM_BYTES, requireFormType: true });
    const username = (form.get('username') ?? '').trim();
    const password = form.get('password') ?? '';
    const entry = directory.authenticate(username, password);
    if (!entry) {
      log({ event: 'oidc.sign_in_failed', knownUser: directory.findByUsername(username) !== undefined });
      sendPage(res, 401, loginPageFor(interaction, { username, error: 'Unknown username or wrong password.' }));
      return;
    }
    log({ event: 'oidc.signed_in', username: entry.person.username });
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: entry.sub, amr: ['pwd'] } },
      { mergeWithLastSubmission: false },
    );
  };

  // POST /interaction/:uid/abort — the user cancelled; the client gets access_denied.
  const abortLogin = async (req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> => {
    assertSameOrigin(req, issuer);
    await loadInteraction(req, res, uid);
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The user cancelled the sign-in.' },
      { mergeWithLastSubmission: false },
    );
  };

  const people = (): { person: DemoPerson; sub: string }[] =>
    directory.people().map((person) => ({ person, sub: subjectFor(person.username) }));

  const setGroups = (username: string, groups: readonly string[]): string[] => {
    const saved = directory.setGroups(username, groups);
    persist();
    log({ event: 'oidc.groups_changed', username, groups: saved });
    return saved;
  };

  // GET|POST /sandbox/people — list people and change their groups (sandbox only, no auth).
  const peopleRoute = async (req: IncomingMessage, res: ServerResponse, requestUrl: URL): Promise<void> => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      const saved = requestUrl.searchParams.get('saved') ?? undefined;
      const known = saved !== undefined && directory.findByUsername(saved) !== undefined;
      sendPage(res, 200, peoplePage({ people: people(), saved: known ? saved : undefined }));
      return;
    }
    if (req.method !== 'POST') throw new HttpError(405, 'Method not allowed', 'Use GET or POST.');
    assertSameOrigin(req, issuer);
    const form = await readForm(req, { maxBytes: MAX_FORM_BYTES, requireFormType: true });
    const username = form.get('username') ?? '';
    if (!directory.findByUsername(username)) {
      sendPage(res, 404, peoplePage({ people: people(), error: `No person "${username}" in the sandbox IdP.` }));
      return;
    }
    try {
      setGroups(username, parseGroupList(form.get('groups') ?? ''));
    } catch (err) {
      if (!(err instanceof InvalidGroupsError)) throw err;
      sendPage(res, 422, peoplePage({ people: people(), error: err.message }));
      return;
    }
    redirect(res, `/sandbox/people?saved=${encodeURIComponent(username)}`);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestUrl = new URL(req.url ?? '/', issuer);
    const path = requestUrl.pathname;
    if (path === STYLESHEET_PATH) {
      res.setHeader('Content-Type', 'text/css; charset=utf-8');
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.end(STYLESHEET);
      return;
    }
    if (path === '/sandbox/people') return peopleRoute(req, res, requestUrl);
    const match = /^\/interaction\/([A-Za-z0-9_-]{1,128})(\/login|\/abort)?$/.exec(path);
    const uid = match?.[1];
    if (match && uid !== undefined) {
      const action = match[2];
      if (action === undefined && req.method === 'GET') return showInteraction(req, res, uid);
      if (action === '/login' && req.method === 'POST') return submitLogin(req, res, uid);
      if (action === '/abort' && req.method === 'POST') return abortLogin(req, res, uid);
      throw new HttpError(405, 'Method not allowed', 'This address does not accept that method.');
    }
    if (path.startsWith('/interaction/')) throw new HttpError(404, 'Not found', 'No such sign-in page.');
    return providerCallback(req, res);
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) {
        sendPage(res, err.status, messagePage(err.title, err.message));
        return;
      }
      log({ event: 'oidc.page_error', error: err instanceof Error ? err.message : String(err) });
      sendPage(res, 500, messagePage('Something went wrong', 'The sandbox IdP hit an internal error; see its log.'));
    });
  });

  log({ event: 'oidc.listening', issuer, url, clients: opts.clients.map((c) => c.clientId) });

  let closing: Promise<void> | undefined;
  return {
    issuer,
    url,
    close() {
      closing ??= closeServer().then(() => store.clear());
      return closing;
    },
    setGroups(username, groups) {
      setGroups(username, groups);
    },
    people: () => directory.people(),
  };
}
