import 'server-only';
// Ends one CLI sign-in: by `keyport logout` (its own token) or on the Your devices page (any of
// the person's own). The where clause carries the person, so nobody revokes another's device.
// Recorded as CLI_TOKEN_REVOKED in the same transaction.
import { appendAuditEvent, type AuditChannel } from '@/lib/audit/append-audit-event';
import { auditActorOf } from '@/lib/audit/audit-actor';
import type { Actor } from '@/lib/auth/actor';
import type { Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import type { CliRequestContext } from './issue-cli-tokens';

export async function revokeCliToken(opts: {
  db: Db;
  actor: Actor;
  tokenId: string;
  reason: 'logout' | 'device_revoked';
  channel: AuditChannel;
  context: CliRequestContext;
  now?: Date;
}): Promise<void> {
  const now = opts.now ?? new Date();
  const revoked = await opts.db.$transaction(async (tx) => {
    const { count } = await tx.cliToken.updateMany({ where: { id: opts.tokenId, userSub: opts.actor.sub, revokedAt: null }, data: { revokedAt: now, revokedReason: opts.reason } });
    if (count !== 1) return false;
    await appendAuditEvent(tx, {
      type: 'CLI_TOKEN_REVOKED',
      outcome: 'success',
      actor: auditActorOf(opts.actor),
      channel: opts.channel,
      requestId: opts.context.requestId,
      sourceIp: opts.context.sourceIp,
      userAgent: opts.context.userAgent,
      details: { cliTokenId: opts.tokenId, reason: opts.reason },
    });
    return true;
  });
  if (!revoked) throw new AppError('not_found', 'No active CLI sign-in of yours has this id (it may have been revoked already).');
}
