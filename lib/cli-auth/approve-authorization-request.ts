import 'server-only';
// The browser's answer to a loopback sign-in request (RFC 6749 4.1.2 with PKCE, RFC 7636; RFC 8252
// loopback redirect): approved, a one-time code bound to the person's Keyport session, the PKCE
// challenge and the redirect URI, redeemable for 60 seconds; denied, an error for the CLI
// (4.1.2.1) and a CLI_LOGIN_DENIED record. Either way the browser is sent back to the loopback.
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { auditActorOf } from '@/lib/audit/audit-actor';
import type { Actor } from '@/lib/auth/actor';
import type { Db } from '@/lib/db/create-client';
import { AUTHORIZATION_CODE_SECONDS } from './cli-token-lifetimes';
import type { CliRequestContext } from './issue-cli-tokens';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token';

export async function answerAuthorizationRequest(opts: {
  db: Db;
  actor: Actor;
  request: { redirectUri: string; codeChallenge: string; state: string; clientName: string };
  approve: boolean;
  context: CliRequestContext;
  now?: Date;
}): Promise<{ redirectTo: string }> {
  const now = opts.now ?? new Date();
  const back = new URL(opts.request.redirectUri);
  back.searchParams.set('state', opts.request.state);
  if (!opts.approve) {
    await appendAuditEvent(opts.db, {
      type: 'CLI_LOGIN_DENIED',
      outcome: 'denied',
      actor: auditActorOf(opts.actor),
      channel: 'cli',
      requestId: opts.context.requestId,
      sourceIp: opts.context.sourceIp,
      userAgent: opts.context.userAgent,
      details: { grantType: 'authorization_code', clientName: opts.request.clientName, reason: 'the person declined' },
    });
    back.searchParams.set('error', 'access_denied');
    back.searchParams.set('error_description', 'You declined the sign-in in the browser.');
    return { redirectTo: back.toString() };
  }
  const code = newOpaqueToken('kpc');
  await opts.db.cliAuthorization.create({
    data: {
      kind: 'code',
      codeHash: hashOpaqueToken(code),
      codeChallenge: opts.request.codeChallenge,
      redirectUri: opts.request.redirectUri,
      clientName: opts.request.clientName,
      requesterIp: opts.context.sourceIp,
      requesterUserAgent: opts.context.userAgent,
      sessionId: opts.actor.sessionId,
      approvedAt: now,
      expiresAt: new Date(now.getTime() + AUTHORIZATION_CODE_SECONDS * 1000),
    },
  });
  back.searchParams.set('code', code);
  return { redirectTo: back.toString() };
}
