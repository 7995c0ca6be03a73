// Who signed this request? SigV4 verification against the keys the sandbox knows: sessions it
// issued (which also need their X-Amz-Security-Token) and the world's static IAM admin keys.
import { expiredToken, incompleteSignature, invalidClientTokenId, missingAuthenticationToken, signatureDoesNotMatch } from './errors';
import { hashSecret, secretEquals, stableUniqueId } from './keys';
import { checkRequestTime, parseSigV4, verifySignature, type HttpRequestParts } from './sigv4';
import type { IssuedSession, SandboxState } from './state';
import type { World, WorldIamAdmin } from './world';

export type Caller =
  | { readonly kind: 'session'; readonly session: IssuedSession }
  | { readonly kind: 'admin'; readonly admin: WorldIamAdmin };

export interface AuthenticateOptions {
  world: World;
  state: SandboxState;
  now: Date;
  /** The SigV4 service the action belongs to (`sts`, `iam`). */
  service: string;
  /** Region of a regional endpoint (`/eu-west-1/`); the credential scope must name it. */
  region: string | undefined;
}

export function callerArn(caller: Caller): string {
  return caller.kind === 'session'
    ? caller.session.assumedRoleArn
    : `arn:aws:iam::${caller.admin.account}:user/${caller.admin.userName}`;
}

export function callerUserId(caller: Caller): string {
  return caller.kind === 'session'
    ? `${caller.session.roleId}:${caller.session.sessionName}`
    : stableUniqueId('AIDA', callerArn(caller));
}

export function callerAccount(caller: Caller): string {
  return caller.kind === 'session' ? caller.session.account : caller.admin.account;
}

export function callerAccessKeyId(caller: Caller): string {
  return caller.kind === 'session' ? caller.session.accessKeyId : caller.admin.accessKeyId;
}

export function authenticate(req: HttpRequestParts, opts: AuthenticateOptions): Caller {
  const auth = parseSigV4(req);
  if (auth === undefined) throw missingAuthenticationToken();
  if (!auth.signedHeaders.includes('host')) {
    throw incompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }

  let caller: Caller;
  let secret: string;
  const admin = opts.world.iamAdmins.find((a) => a.accessKeyId === auth.accessKeyId);
  if (admin !== undefined) {
    // Long-term keys carry no session token; presenting one makes the request invalid.
    if (auth.securityToken !== undefined && auth.securityToken !== '') throw invalidClientTokenId();
    caller = { kind: 'admin', admin };
    secret = admin.secretAccessKey;
  } else {
    const session = opts.state.session(auth.accessKeyId);
    if (session === undefined) throw invalidClientTokenId();
    if (auth.securityToken === undefined || !secretEquals(hashSecret(auth.securityToken), session.sessionTokenHash)) {
      throw invalidClientTokenId();
    }
    if (opts.now.getTime() >= Date.parse(session.expiresAt)) throw expiredToken();
    caller = { kind: 'session', session };
    secret = session.secretAccessKey;
  }

  const timeError = checkRequestTime(auth, opts.now);
  if (timeError !== undefined) throw timeError;
  if (auth.service !== opts.service) {
    throw signatureDoesNotMatch(`Credential should be scoped to correct service: '${opts.service}'. `);
  }
  if (opts.region !== undefined && auth.region !== opts.region) {
    throw signatureDoesNotMatch('Credential should be scoped to a valid region. ');
  }
  if (!verifySignature(req, auth, secret)) throw signatureDoesNotMatch();
  return caller;
}
