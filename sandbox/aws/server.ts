// The sandbox AWS endpoint: one local HTTP server speaking the STS and IAM Query protocols
// (form-encoded POST or GET, XML answers, AWS error XML and statuses) plus console federation.
// `startSandboxAws` is what the dev launcher, the seed and the tests call.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertRegionEnabled, type ActionContext } from './actions';
import { authenticate, callerAccessKeyId, callerAccount, type Caller } from './auth';
import { AwsError, internalFailure, invalidAction } from './errors';
import { ConsoleFederation, type SimpleResponse } from './federation';
import { iamAction, isIamAction } from './iam';
import { createOidcKeyResolver, type OidcKeyResolver } from './oidc-keys';
import type { HttpRequestParts } from './sigv4';
import { SandboxState } from './state';
import { getCallerIdentity } from './sts-caller-identity';
import { createSamlVerifier } from './saml-verifier';
import { assumeRoleWithSaml, type SamlVerifier } from './sts-saml';
import { assumeRoleWithWebIdentity } from './sts-web-identity';
import { assumeRole } from './sts-assume-role';
import { AuthorizationMessages } from './authorization-message';
import { decodeAuthorizationMessage } from './sts-decode-authorization-message';
import { DEMO_ACTION, DEMO_NS, DEMO_SERVICE, DEMO_VERSION, readDemoSecret } from './demo-secret';
import type { World } from './world';
import { errorResponse, IAM_NS, queryResponse, STS_NS, type XmlChild } from './xml';

export const STS_VERSION = '2011-06-15';
export const IAM_VERSION = '2010-05-08';
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const REGION_SEGMENT = /^\/([a-z]{2}(?:-[a-z]+)+-\d+)(?:\/|$)/;
/** The STS actions the sandbox implements; any other action is answered InvalidAction. */
const STS_ACTIONS = new Set(['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML', 'GetCallerIdentity', 'AssumeRole', 'DecodeAuthorizationMessage']);

export type LogEntry = Record<string, unknown>;

export interface SandboxAwsOptions {
  world: World;
  port?: number;
  host?: string;
  /** JSON file where issued sessions and IAM changes persist across restarts. */
  statePath?: string;
  /** Structured log callback: Action, RoleArn, AccessKeyId, status, result code. Never secrets. */
  log?: (entry: LogEntry) => void;
  /** Clock injection for tests (token expiry, session expiry, aws:CurrentTime). */
  now?: () => Date;
  /** Verifies SAML assertions; the default checks them like AWS (`saml-verifier.ts`). */
  samlVerifier?: SamlVerifier;
  /** Where OIDC signing keys come from; defaults to discovery + JWKS over HTTP. */
  oidcKeys?: OidcKeyResolver;
}

/** Non-secret facts about an issued session, for tests and the dev banner. */
export interface IssuedSessionInfo {
  accessKeyId: string;
  roleArn: string;
  sessionName: string;
  assumedRoleArn: string;
  issuedAt: string;
  expiresAt: string;
}

export interface RecentCall {
  at: string;
  action: string;
  roleArn: string | null;
  roleSessionName: string | null;
  durationSeconds: number | null;
  status: number;
  /** The keys that signed the call (AssumeRole, GetCallerIdentity …), and the session it issued. */
  callerAccessKeyId: string | null;
  accessKeyId: string | null;
  /** The SourceIdentity of the session issued (carried along a role chain). */
  sourceIdentity: string | null;
}

export interface SandboxAws {
  url: string;
  port: number;
  close(): Promise<void>;
  stats(): { calls: Record<string, number>; recent: RecentCall[] };
  resetStats(): void;
  issuedSessions(): IssuedSessionInfo[];
  /** The static IAM admin key pair the world defines for an account, if any. */
  iamAdminCredentials(account: string): { accessKeyId: string; secretAccessKey: string } | undefined;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function headerPairs(req: IncomingMessage): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    out.push([req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '']);
  }
  return out;
}

function isFormBody(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return type === undefined || type.toLowerCase().startsWith('application/x-www-form-urlencoded');
}

function collectParams(query: string, body: Buffer, form: boolean): Map<string, string> {
  const params = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(query)) params.set(k, v);
  if (form && body.length > 0) for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v);
  return params;
}

export async function startSandboxAws(opts: SandboxAwsOptions): Promise<SandboxAws> {
  const world = opts.world;
  const now = opts.now ?? (() => new Date());
  const state = new SandboxState(world, opts.statePath);
  const keys = opts.oidcKeys ?? createOidcKeyResolver();
  const samlVerifier = opts.samlVerifier ?? createSamlVerifier();
  const federation = new ConsoleFederation({ world, state, now });
  const authorizationMessages = new AuthorizationMessages();
  const calls: Record<string, number> = {};
  const log = opts.log ?? (() => undefined);

  const count = (name: string) => {
    calls[name] = (calls[name] ?? 0) + 1;
  };
  // The last STS/IAM calls (no secrets), so tests can ask "did AWS see this request?" precisely.
  const recent: RecentCall[] = [];
  const remember = (params: Map<string, string>, status: number, logFields: Record<string, unknown>) => {
    const duration = params.get('DurationSeconds');
    const text = (k: string) => (typeof logFields[k] === 'string' ? (logFields[k] as string) : null);
    recent.push({
      at: now().toISOString(),
      action: params.get('Action') ?? '',
      roleArn: params.get('RoleArn') ?? null,
      roleSessionName: params.get('RoleSessionName') ?? null,
      durationSeconds: duration === undefined ? null : Number(duration),
      status,
      callerAccessKeyId: text('callerAccessKeyId'),
      accessKeyId: text('accessKeyId'),
      sourceIdentity: text('sourceIdentity'),
    });
    if (recent.length > 1000) recent.shift();
  };

  function send(res: ServerResponse, r: SimpleResponse, requestId: string): void {
    res.writeHead(r.status, { ...r.headers, 'x-amzn-RequestId': requestId, date: now().toUTCString() });
    res.end(r.body);
  }

  async function queryApi(
    req: IncomingMessage,
    parts: HttpRequestParts,
    params: Map<string, string>,
    requestId: string,
    logFields: Record<string, unknown>,
  ): Promise<{ status: number; body: string }> {
    const action = params.get('Action');
    const version = params.get('Version');
    const iam = action !== undefined && isIamAction(action);
    const demo = action === DEMO_ACTION;
    const namespace = demo ? DEMO_NS : iam || (action === undefined && version === IAM_VERSION) ? IAM_NS : STS_NS;
    try {
      if (action === undefined || action === '') throw new AwsError('MissingAction', 'Missing Action', 400);
      count(action);
      logFields['action'] = action;
      const expectedVersion = demo ? DEMO_VERSION : iam ? IAM_VERSION : STS_VERSION;
      if ((!iam && !demo && !STS_ACTIONS.has(action)) || (version !== undefined && version !== expectedVersion)) {
        throw invalidAction(action, version ?? expectedVersion);
      }
      const regionMatch = REGION_SEGMENT.exec(parts.path);
      const region = iam ? undefined : regionMatch?.[1];
      if (region !== undefined) logFields['region'] = region;
      const ctx: ActionContext = {
        world,
        state,
        now,
        region,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        requestId,
        logFields,
      };
      let result: XmlChild[] | undefined;
      if (action === 'AssumeRoleWithWebIdentity') {
        result = await assumeRoleWithWebIdentity(params, ctx, { keys });
      } else if (action === 'AssumeRoleWithSAML') {
        result = await assumeRoleWithSaml(params, ctx, { verify: samlVerifier });
      } else {
        const caller: Caller = authenticate(parts, { world, state, now: now(), service: demo ? DEMO_SERVICE : iam ? 'iam' : 'sts', region: iam ? undefined : regionMatch?.[1] });
        logFields['accessKeyId'] = callerAccessKeyId(caller);
        logFields['callerAccessKeyId'] = callerAccessKeyId(caller);
        if (iam) {
          result = iamAction(action, params, caller, ctx);
        } else if (demo) {
          result = readDemoSecret(params, caller, ctx, authorizationMessages);
        } else if (action === 'AssumeRole') {
          assertRegionEnabled(ctx, callerAccount(caller));
          result = assumeRole(params, caller, ctx);
        } else if (action === 'DecodeAuthorizationMessage') {
          assertRegionEnabled(ctx, callerAccount(caller));
          result = decodeAuthorizationMessage(params, caller, ctx, authorizationMessages);
        } else {
          assertRegionEnabled(ctx, callerAccount(caller));
          result = getCallerIdentity(caller, ctx);
        }
      }
      logFields['code'] = 'OK';
      return { status: 200, body: queryResponse(namespace, action, result, requestId) };
    } catch (e) {
      const error = e instanceof AwsError ? e : internalFailure();
      if (!(e instanceof AwsError)) logFields['internalError'] = e instanceof Error ? e.message : String(e);
      logFields['code'] = error.code;
      return { status: error.status, body: errorResponse(namespace, error, requestId) };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const started = Date.now();
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const query = q === -1 ? '' : rawUrl.slice(q + 1);
    const logFields: Record<string, unknown> = {};
    let status = 500;
    try {
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch (e) {
        if (!(e instanceof BodyTooLarge)) throw e;
        status = 413;
        send(res, { status, headers: { 'content-type': 'text/plain' }, body: 'Request entity too large\n' }, requestId);
        return;
      }
      const method = (req.method ?? 'GET').toUpperCase();
      const params = collectParams(query, body, method === 'POST' && isFormBody(req));

      if (path === '/_sandbox/stats') {
        status = 200;
        send(res, { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ calls, recent }) }, requestId);
        return;
      }
      if (path === '/_sandbox/health') {
        status = 200;
        send(res, { status, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' }, requestId);
        return;
      }
      if (path === '/federation' || path === '/console') {
        let r: SimpleResponse;
        if (path === '/console') {
          count('console');
          logFields['action'] = 'console';
          r = federation.consolePage(params);
        } else {
          const fedAction = params.get('Action') ?? '';
          const name = fedAction === 'getSigninToken' || fedAction === 'login' ? fedAction : 'federation';
          count(name);
          logFields['action'] = name;
          r =
            fedAction === 'getSigninToken'
              ? federation.getSigninToken(params)
              : fedAction === 'login'
                ? federation.login(params)
                : { status: 400, headers: { 'content-type': 'text/plain' }, body: 'Action must be getSigninToken or login\n' };
        }
        status = r.status;
        send(res, r, requestId);
        return;
      }
      if (method !== 'GET' && method !== 'POST') {
        status = 405;
        send(res, { status, headers: { 'content-type': 'text/plain', allow: 'GET, POST' }, body: 'Method not allowed\n' }, requestId);
        return;
      }
      const parts: HttpRequestParts = { method, path, query, headers: headerPairs(req), body };
      const answer = await queryApi(req, parts, params, requestId, logFields);
      status = answer.status;
      remember(params, status, logFields);
      send(res, { status, headers: { 'content-type': 'text/xml' }, body: answer.body }, requestId);
    } finally {
      log({ time: new Date().toISOString(), requestId, method: req.method, path, status, ms: Date.now() - started, ...logFields });
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log({ time: new Date().toISOString(), level: 'error', message: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => {
          if (err) return reject(err);
          // The journal folds into the state file, so a clean stop leaves one file behind.
          try {
            state.persist(now());
            resolve();
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        });
        server.closeAllConnections();
      }),
    stats: () => ({ calls: { ...calls }, recent: [...recent] }),
    resetStats: () => {
      for (const key of Object.keys(calls)) delete calls[key];
      recent.length = 0;
    },
    issuedSessions: () =>
      state.allSessions().map((s) => ({
        accessKeyId: s.accessKeyId,
        roleArn: s.roleArn,
        sessionName: s.sessionName,
        assumedRoleArn: s.assumedRoleArn,
        issuedAt: s.issuedAt,
        expiresAt: s.expiresAt,
      })),
    iamAdminCredentials: (account: string) => {
      const admin = world.iamAdmins.find((a) => a.account === account);
      return admin === undefined ? undefined : { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey };
    },
  };
}
