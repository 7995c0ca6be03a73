import 'server-only';
// The person's answer on the approval page for a code they typed (RFC 8628 3.3): approve binds the
// device authorization to their Keyport session (the CLI's next poll gets tokens); deny ends it,
// recorded as CLI_LOGIN_DENIED. Only a pending, unexpired authorization can be answered, once.
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { auditActorOf } from '@/lib/audit/audit-actor';
import type { Actor } from '@/lib/auth/actor';
import type { Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import type { CliRequestContext } from './issue-cli-tokens';
import { hashOpaqueToken } from './opaque-token';
import { normalizeUserCode } from './user-code';

export async function decideDeviceAuthorization(opts: { db: Db; actor: Actor; userCode: string; approve: boolean; context: CliRequestContext; now?: Date }): Promise<{ approved: boolean }> {
  const now = opts.now ?? new Date();
  const code = normalizeUserCode(opts.userCode);
  if (!code) throw new AppError('invalid_input', 'A code has 8 letters (XXXX-XXXX).', { fields: { userCode: 'must be 8 letters (XXXX-XXXX)' } });
  const answered = await opts.db.$transaction(async (tx) => {
    const { count } = await tx.cliAuthorization.updateMany({
      where: { userCodeHash: hashOpaqueToken(code), kind: 'device', approvedAt: null, deniedAt: null, expiresAt: { gt: now } },
      data: opts.approve ? { approvedAt: now, sessionId: opts.actor.sessionId } : { deniedAt: now },
    });
    if (count === 1 && !opts.approve) {
      await appendAuditEvent(tx, {
        type: 'CLI_LOGIN_DENIED',
        outcome: 'denied',
        actor: auditActorOf(opts.actor),
        channel: 'cli',
        requestId: opts.context.requestId,
        sourceIp: opts.context.sourceIp,
        userAgent: opts.context.userAgent,
        details: { grantType: 'device_code', reason: 'the person declined' },
      });
    }
    return count === 1;
  });
  if (!answered) throw new AppError('not_found', 'No sign-in is waiting for this code any more (it expired or was answered). Run `keyport login --device-code` again.');
  return { approved: opts.approve };
}
