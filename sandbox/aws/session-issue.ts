// Minting a role session: fresh keys, the assumed-role identity, and the <Credentials> and
// <AssumedRoleUser> elements every AssumeRole* answer carries.
import { awsTimestamp } from './actions';
import { hashSecret, newSecretAccessKey, newSessionAccessKeyId, newSessionToken, stableUniqueId } from './keys';
import type { IssuedSession, SandboxState } from './state';
import { accountOfArn, roleNameOf, type WorldRole } from './world';
import { el, type XmlElement } from './xml';

export function roleIdOf(role: WorldRole): string {
  return role.roleId ?? stableUniqueId('AROA', role.arn);
}

/** `arn:aws:sts::<acct>:assumed-role/<role name without path>/<session>`. */
export function assumedRoleArnOf(role: WorldRole, sessionName: string): string {
  return `arn:aws:sts::${accountOfArn(role.arn)}:assumed-role/${roleNameOf(role.arn)}/${sessionName}`;
}

export interface IssueInput {
  role: WorldRole;
  sessionName: string;
  durationSeconds: number;
  provider: string;
  subject: string;
  sessionPolicy?: string;
  tags?: Record<string, string>;
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
  /** The AccessKeyId of the session that assumed this one (role chaining). */
  chainedFrom?: string;
  now: Date;
}

export interface Issued {
  session: IssuedSession;
  secretAccessKey: string;
  sessionToken: string;
}

export function issueSession(state: SandboxState, input: IssueInput): Issued {
  const secretAccessKey = newSecretAccessKey();
  const sessionToken = newSessionToken();
  // Kept to the millisecond so a revocation cut-off taken "now" never catches keys issued right
  // after it in the same second; the Expiration shown to callers is rounded down to the second.
  const issuedAt = input.now;
  const session: IssuedSession = {
    accessKeyId: newSessionAccessKeyId(),
    secretAccessKey,
    sessionTokenHash: hashSecret(sessionToken),
    roleArn: input.role.arn,
    roleId: roleIdOf(input.role),
    sessionName: input.sessionName,
    account: accountOfArn(input.role.arn),
    assumedRoleArn: assumedRoleArnOf(input.role, input.sessionName),
    issuedAt: issuedAt.toISOString(),
    expiresAt: new Date(issuedAt.getTime() + input.durationSeconds * 1000).toISOString(),
    provider: input.provider,
    subject: input.subject,
    ...(input.sessionPolicy === undefined ? {} : { sessionPolicy: input.sessionPolicy }),
    ...(input.tags === undefined ? {} : { tags: input.tags, transitiveTagKeys: input.transitiveTagKeys ?? [] }),
    ...(input.sourceIdentity === undefined ? {} : { sourceIdentity: input.sourceIdentity }),
    ...(input.chainedFrom === undefined ? {} : { chainedFrom: input.chainedFrom }),
  };
  state.addSession(session, input.now);
  return { session, secretAccessKey, sessionToken };
}

export function credentialsXml(issued: Issued): XmlElement {
  return el(
    'Credentials',
    el('AccessKeyId', issued.session.accessKeyId),
    el('SecretAccessKey', issued.secretAccessKey),
    el('SessionToken', issued.sessionToken),
    el('Expiration', awsTimestamp(new Date(issued.session.expiresAt))),
  );
}

export function assumedRoleUserXml(session: IssuedSession): XmlElement {
  return el('AssumedRoleUser', el('AssumedRoleId', `${session.roleId}:${session.sessionName}`), el('Arn', session.assumedRoleArn));
}
