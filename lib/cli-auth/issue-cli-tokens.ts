import 'server-only';
// Mints a new CLI sign-in for a Keyport session: an access and a refresh token (opaque, only their
// hashes stored), the refresh token ending with the session. Recorded as CLI_LOGIN (channel cli)
// in the same transaction as the row.
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { auditActorOf } from '@/lib/audit/audit-actor';
import { loadActor } from '@/lib/auth/session-store';
import type { Db } from '@/lib/db/create-client';
import { accessExpiry } from './cli-token-lifetimes';
import type { CliTokenRefusal } from './cli-refusal';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token';
import { tokenSet, type CliTokenSet } from './token-response';

export interface CliRequestContext {
  requestId: string;
  sourceIp: string | null;
  userAgent: string | null;
}

export async function issueCliTokens(opts: {
  db: Db;
  sessionId: string;
  grantType: 'authorization_code' | 'device_code';
  clientName: string;
  authorizationId: string;
  context: CliRequestContext;
  now?: Date;
}): Promise<CliTokenSet | CliTokenRefusal> {
  const now = opts.now ?? new Date();
  const actor = await loadActor(opts.sessionId);
  if (!actor) return 'session_ended';
  const session = await opts.db.session.findUnique({ where: { id: opts.sessionId }, select: { expiresAt: true } });
  if (!session) return 'session_ended';
  const accessToken = newOpaqueToken('kpa');
  const refreshToken = newOpaqueToken('kpr');
  const accessExpiresAt = accessExpiry(now, session.expiresAt);
  const refreshExpiresAt = session.expiresAt;
  await opts.db.$transaction(async (tx) => {
    const row = await tx.cliToken.create({
      data: {
        sessionId: opts.sessionId,
        userSub: actor.sub,
        email: actor.email?.toLowerCase() ?? null,
        grantType: opts.grantType,
        clientName: opts.clientName,
        accessHash: hashOpaqueToken(accessToken),
        accessExpiresAt,
        refreshHash: hashOpaqueToken(refreshToken),
        refreshExpiresAt,
        createdIp: opts.context.sourceIp,
        createdUserAgent: opts.context.userAgent,
        lastUsedAt: now,
        lastUsedIp: opts.context.sourceIp,
      },
      select: { id: true },
    });
    await appendAuditEvent(tx, {
      type: 'CLI_LOGIN',
      outcome: 'success',
      actor: auditActorOf(actor),
      channel: 'cli',
      requestId: opts.context.requestId,
      sourceIp: opts.context.sourceIp,
      userAgent: opts.context.userAgent,
      details: { grantType: opts.grantType, cliTokenId: row.id, authorizationId: opts.authorizationId, clientName: opts.clientName, signInEndsAt: refreshExpiresAt.toISOString() },
    });
  });
  return tokenSet({ accessToken, refreshToken, accessExpiresAt, refreshExpiresAt, now });
}
