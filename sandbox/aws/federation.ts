// Console federation, like https://signin.aws.amazon.com/federation: `getSigninToken` trades live
// session credentials for a single-use sign-in token (valid 15 minutes); `login` spends it and
// redirects to a sandbox console page naming the assumed-role ARN and the destination's region.
import type { Params } from './actions';
import { authorizeSession } from './authorize';
import { AwsError } from './errors';
import { hashSecret, newOpaqueToken, secretEquals } from './keys';
import type { IssuedSession, SandboxState } from './state';
import type { World } from './world';

export const SIGNIN_TOKEN_TTL_MS = 15 * 60 * 1000;
const MAX_CONSOLE_SECONDS = 43200;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export interface SimpleResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The region a console destination URL points at (`?region=` or `<region>.console.aws.amazon.com`). */
export function destinationRegion(destination: URL): string {
  const param = destination.searchParams.get('region');
  if (param !== null && REGION.test(param)) return param;
  const host = /^([a-z]{2}(?:-[a-z]+)+-\d+)\.console\.aws\.amazon\.com$/.exec(destination.hostname);
  return host?.[1] ?? 'us-east-1';
}

function plain(status: number, message: string): SimpleResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body: `${message}\n` };
}

function page(status: number, title: string, bodyHtml: string): SimpleResponse {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
${bodyHtml}
</body>
</html>
`;
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: html };
}

interface SigninToken {
  accessKeyId: string;
  consoleSeconds: number;
  expiresAt: number;
}

interface ConsoleSession {
  accessKeyId: string;
  destination: string;
  region: string;
  issuer: string | undefined;
  expiresAt: number;
}

export interface FederationDeps {
  world: World;
  state: SandboxState;
  now: () => Date;
}

export class ConsoleFederation {
  private readonly signinTokens = new Map<string, SigninToken>();
  private readonly consoleSessions = new Map<string, ConsoleSession>();

  constructor(private readonly deps: FederationDeps) {}

  /** Why the credentials behind a console session no longer work, or undefined if they do. */
  private unusable(session: IssuedSession, now: Date): string | undefined {
    if (now.getTime() >= Date.parse(session.expiresAt)) return 'The credentials of this session have expired.';
    try {
      // Same check as a signed call with these keys: a revocation (deny) policy ends the console too.
      authorizeSession({
        world: this.deps.world,
        state: this.deps.state,
        session,
        action: 'sts:GetCallerIdentity',
        resource: '*',
        now,
        region: undefined,
        sourceIp: '127.0.0.1',
        mode: 'deny-only',
      });
    } catch (e) {
      if (e instanceof AwsError) return 'The credentials of this session have been revoked.';
      throw e;
    }
    return undefined;
  }

  private prune(now: number): void {
    for (const [k, t] of this.signinTokens) if (t.expiresAt <= now) this.signinTokens.delete(k);
    for (const [k, s] of this.consoleSessions) if (s.expiresAt <= now) this.consoleSessions.delete(k);
  }

  getSigninToken(params: Params): SimpleResponse {
    const now = this.deps.now();
    this.prune(now.getTime());
    const raw = params.get('Session');
    if (raw === undefined) return plain(400, 'Missing parameter: Session');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return plain(400, 'Session must be URL-encoded JSON {"sessionId","sessionKey","sessionToken"}');
    }
    const fields = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    const { sessionId, sessionKey, sessionToken } = fields;
    if (typeof sessionId !== 'string' || typeof sessionKey !== 'string' || typeof sessionToken !== 'string') {
      return plain(400, 'Session must contain sessionId, sessionKey and sessionToken');
    }
    const durationText = params.get('SessionDuration');
    let requested: number | undefined;
    if (durationText !== undefined) {
      requested = Number(durationText);
      if (!Number.isInteger(requested) || requested < 900 || requested > MAX_CONSOLE_SECONDS) {
        return plain(400, 'SessionDuration must be an integer between 900 and 43200');
      }
    }
    const session = this.deps.state.session(sessionId);
    const valid =
      session !== undefined &&
      secretEquals(sessionKey, session.secretAccessKey) &&
      secretEquals(hashSecret(sessionToken), session.sessionTokenHash);
    if (session === undefined || !valid) return plain(400, 'The session credentials are not valid.');
    // The console federation endpoint takes no SessionDuration for credentials from role chaining
    // (IAM User Guide, "Enable custom identity broker access to the AWS console").
    if (requested !== undefined && session.chainedFrom !== undefined) return plain(400, 'SessionDuration cannot be used with credentials obtained by role chaining.');
    const problem = this.unusable(session, now);
    if (problem !== undefined) return plain(400, problem);
    const remaining = Math.floor((Date.parse(session.expiresAt) - now.getTime()) / 1000);
    const consoleSeconds = requested ?? Math.min(remaining, MAX_CONSOLE_SECONDS);
    const token = newOpaqueToken(96);
    this.signinTokens.set(token, { accessKeyId: session.accessKeyId, consoleSeconds, expiresAt: now.getTime() + SIGNIN_TOKEN_TTL_MS });
    return {
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      body: JSON.stringify({ SigninToken: token }),
    };
  }

  login(params: Params): SimpleResponse {
    const now = this.deps.now().getTime();
    this.prune(now);
    const tokenText = params.get('SigninToken');
    const destinationText = params.get('Destination');
    if (tokenText === undefined || destinationText === undefined) return plain(400, 'Missing parameter: SigninToken and Destination are required');
    let destination: URL;
    try {
      destination = new URL(destinationText);
    } catch {
      return plain(400, 'Destination must be an absolute URL');
    }
    if (destination.protocol !== 'https:' && destination.protocol !== 'http:') return plain(400, 'Destination must be an http(s) URL');
    const token = this.signinTokens.get(tokenText);
    // Single use: spent whether or not what follows succeeds.
    this.signinTokens.delete(tokenText);
    if (token === undefined || token.expiresAt <= now) return plain(400, 'The sign-in token is invalid, expired or already used.');
    const id = newOpaqueToken(32);
    this.consoleSessions.set(id, {
      accessKeyId: token.accessKeyId,
      destination: destination.toString(),
      region: destinationRegion(destination),
      issuer: params.get('Issuer'),
      expiresAt: now + token.consoleSeconds * 1000,
    });
    return { status: 302, headers: { location: `/console?session=${encodeURIComponent(id)}`, 'cache-control': 'no-store' }, body: '' };
  }

  consolePage(params: Params): SimpleResponse {
    const now = this.deps.now();
    const id = params.get('session');
    const consoleSession = id === undefined ? undefined : this.consoleSessions.get(id);
    if (consoleSession === undefined || consoleSession.expiresAt <= now.getTime()) {
      return page(403, 'Sandbox AWS console', '<p>Your console session is not valid or has expired. Sign in again.</p>');
    }
    const session = this.deps.state.session(consoleSession.accessKeyId);
    const problem = session === undefined ? 'The credentials of this session are unknown.' : this.unusable(session, now);
    if (session === undefined || problem !== undefined) {
      return page(403, 'Sandbox AWS console', `<p>${escapeHtml(problem ?? '')}</p>`);
    }
    return page(
      200,
      'Sandbox AWS console',
      `<p id="signed-in-as">Signed in as <code>${escapeHtml(session.assumedRoleArn)}</code></p>
<dl>
<dt>Account</dt><dd id="account">${escapeHtml(session.account)}</dd>
<dt>Region</dt><dd id="region">${escapeHtml(consoleSession.region)}</dd>
<dt>Destination</dt><dd id="destination">${escapeHtml(consoleSession.destination)}</dd>
<dt>Issuer</dt><dd id="issuer">${escapeHtml(consoleSession.issuer ?? '')}</dd>
<dt>Console session ends</dt><dd id="expires">${escapeHtml(new Date(consoleSession.expiresAt).toISOString())}</dd>
</dl>`,
    );
  }
}
