// Builds the one-click AWS console URL for credentials Keyport issued to this person: the
// federation endpoint's getSigninToken (called server-side: the URL carries the secret) and then
// its Action=login URL. Only keys recorded as issued to the same person are accepted, so Keyport
// is not a federation proxy for arbitrary keys.
import type { Actor } from '@/lib/auth/actor';
import { buildConsoleLoginUrl, consoleDestination } from '@/lib/credentials/build-console-login-url';
import { CredentialInputError } from '@/lib/credentials/credential-input-error';
import { buildGetSigninTokenUrl } from '@/lib/credentials/build-get-signin-token-url';
import type { Db } from '@/lib/db/create-client';
import { AppError, explainedError } from '@/lib/errors/app-error';
import type { Logger } from '@/lib/log/logger';
import { partitionOfArn } from '@/lib/sts/sts-endpoint';

export async function consoleSignInUrl(opts: {
  db: Db;
  log: Logger;
  actor: Pick<Actor, 'sub'>;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  issuerUrl: string;
  federationEndpoint: string | undefined;
  destination?: string | undefined;
  now?: Date;
}): Promise<string> {
  const now = opts.now ?? new Date();
  const issued = await opts.db.auditEvent.findFirst({
    where: { type: 'ISSUE_SUCCEEDED', accessKeyId: opts.credentials.accessKeyId, actorSub: opts.actor.sub },
    select: { roleArn: true, region: true, expiresAt: true, details: true },
  });
  if (!issued?.roleArn || !issued.region || !issued.expiresAt) {
    throw explainedError('not_found', { key: 'issue.consoleNotYours' });
  }
  const remaining = Math.floor((issued.expiresAt.getTime() - now.getTime()) / 1000);
  if (remaining <= 0) throw explainedError('invalid_input', { key: 'issue.consoleExpired' });
  const partition = partitionOfArn(issued.roleArn);
  if (opts.destination !== undefined) {
    try {
      consoleDestination(partition, opts.destination);
    } catch (e) {
      if (e instanceof CredentialInputError) throw new AppError('invalid_input', `The console destination ${e.message.replace(/^destination: /, '')}.`, { fields: { destination: e.message } });
      throw e;
    }
  }
  const tokenUrl = buildGetSigninTokenUrl({
    partition,
    credentials: opts.credentials,
    // The console session cannot outlive the credentials; AWS's minimum is 15 minutes. AWS
    // rejects SessionDuration for credentials obtained by role chaining (the final hop of a
    // chained mapping): then the federation endpoint's default applies.
    ...(isChained(issued.details) ? {} : { sessionDurationSeconds: Math.min(43_200, Math.max(900, remaining)) }),
    federationEndpoint: opts.federationEndpoint,
  });
  let signinToken: string | undefined;
  try {
    const res = await fetch(tokenUrl, { signal: AbortSignal.timeout(10_000) });
    if (res.ok) signinToken = ((await res.json()) as { SigninToken?: string }).SigninToken;
    else opts.log.warn('getSigninToken refused', { status: res.status, accessKeyId: opts.credentials.accessKeyId });
  } catch (e) {
    opts.log.warn('getSigninToken failed', { error: e });
  }
  if (!signinToken) throw explainedError('upstream', { key: 'issue.consoleRefused' });
  return buildConsoleLoginUrl({ partition, signinToken, region: issued.region, issuer: opts.issuerUrl, federationEndpoint: opts.federationEndpoint, destination: opts.destination });
}

/** ISSUE_SUCCEEDED of a chained mapping (run-issuance.ts records details.chainedRoleArn). */
function isChained(details: unknown): boolean {
  return typeof details === 'object' && details !== null && typeof (details as Record<string, unknown>)['chainedRoleArn'] === 'string';
}
