import 'server-only';
// grant_type=refresh_token (RFC 6749 6): a new access token and a new refresh token (rotation,
// RFC 9700 4.14.2); the old refresh token stops working. Presented again, it revokes the whole
// sign-in: either the CLI or a thief holds a copy, and Keyport cannot tell which. The sign-in never
// outlives its Keyport session. Recorded as CLI_TOKEN_REFRESHED (channel cli).
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { auditActorOf } from '@/lib/audit/audit-actor';
import { loadActor } from '@/lib/auth/session-store';
import type { Db } from '@/lib/db/create-client';
import { refusalOfRevokedReason } from './cli-refusal';
import { accessExpiry } from './cli-token-lifetimes';
import type { CliRequestContext } from './issue-cli-tokens';
import { hashOpaqueToken, looksLikeOpaqueToken, newOpaqueToken } from './opaque-token';
import { refusedGrant, tokenSet, type CliTokenSet, type OAuthError } from './token-response';

export async function refreshCliToken(opts: { db: Db; refreshToken: string; context: CliRequestContext; now?: Date }): Promise<CliTokenSet | OAuthError> {
  const now = opts.now ?? new Date();
  const { db } = opts;
  if (!looksLikeOpaqueToken(opts.refreshToken, 'kpr')) return refusedGrant('unknown');
  const hash = hashOpaqueToken(opts.refreshToken);
  const row = await db.cliToken.findUnique({ where: { refreshHash: hash }, select: { id: true, sessionId: true, revokedAt: true, revokedReason: true, refreshExpiresAt: true } });
  if (!row) {
    const replaced = await db.cliToken.findFirst({ where: { previousRefreshHash: hash }, select: { id: true, sessionId: true, revokedAt: true, revokedReason: true } });
    if (!replaced) return refusedGrant('unknown');
    if (replaced.revokedAt) return refusedGrant(refusalOfRevokedReason(replaced.revokedReason));
    const actor = await loadActor(replaced.sessionId);
    await db.$transaction(async (tx) => {
      const { count } = await tx.cliToken.updateMany({ where: { id: replaced.id, revokedAt: null }, data: { revokedAt: now, revokedReason: 'refresh_reuse' } });
      if (count === 1 && actor) {
        await appendAuditEvent(tx, {
          type: 'CLI_TOKEN_REVOKED',
          outcome: 'success',
          actor: auditActorOf(actor),
          channel: 'cli',
          requestId: opts.context.requestId,
          sourceIp: opts.context.sourceIp,
          userAgent: opts.context.userAgent,
          details: { cliTokenId: replaced.id, reason: 'refresh_reuse' },
        });
      }
    });
    return refusedGrant('refresh_reuse');
  }
  if (row.revokedAt) return refusedGrant(refusalOfRevokedReason(row.revokedReason));
  if (row.refreshExpiresAt <= now) return refusedGrant('refresh_expired');
  const actor = await loadActor(row.sessionId);
  if (!actor) return refusedGrant('session_ended');
  const session = await db.session.findUnique({ where: { id: row.sessionId }, select: { expiresAt: true } });
  if (!session) return refusedGrant('session_ended');
  const accessToken = newOpaqueToken('kpa');
  const refreshToken = newOpaqueToken('kpr');
  const accessExpiresAt = accessExpiry(now, session.expiresAt);
  const rotated = await db.$transaction(async (tx) => {
    // Only from the refresh token presented: two refreshes racing, one wins.
    const { count } = await tx.cliToken.updateMany({
      where: { id: row.id, refreshHash: hash, revokedAt: null },
      data: { accessHash: hashOpaqueToken(accessToken), accessExpiresAt, refreshHash: hashOpaqueToken(refreshToken), previousRefreshHash: hash, lastUsedAt: now, lastUsedIp: opts.context.sourceIp },
    });
    if (count !== 1) return false;
    await appendAuditEvent(tx, {
      type: 'CLI_TOKEN_REFRESHED',
      outcome: 'success',
      actor: auditActorOf(actor),
      channel: 'cli',
      requestId: opts.context.requestId,
      sourceIp: opts.context.sourceIp,
      userAgent: opts.context.userAgent,
      details: { cliTokenId: row.id },
    });
    return true;
  });
  if (!rotated) return refusedGrant('unknown');
  return tokenSet({ accessToken, refreshToken, accessExpiresAt, refreshExpiresAt: row.refreshExpiresAt, now });
}
