import 'server-only';
// Records a signed-in person refused by the permission table (or by the Origin check) as
// ACCESS_DENIED: every refusal is audited, on pages and routes alike. They share the person's
// refusal budget with issuance refusals (ISSUE_REFUSAL_LIMIT_PER_HOUR): past it, only the 1st,
// 10th, 100th… of each 10 minutes is recorded, with the running count. Never throws: the refusal
// stands whatever happens to its record.
import type { Actor } from '@/lib/auth/actor';
import type { AuditChannel } from './append-audit-event';
import type { Permission } from '@/lib/auth/permissions';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import type { Logger } from '@/lib/log/logger';
import { consumeQuota } from '@/lib/rate-limit/consume-quota';
import { auditRefusalNow } from '@/lib/rate-limit/quota-window';
import { auditActorOf } from './audit-actor';
import { recordAuditEvent } from './record-audit-event';

export async function recordAccessDenied(opts: {
  actor: Actor;
  reason: 'permission' | 'origin';
  permission: Permission;
  method: string;
  path: string;
  context: { requestId: string; sourceIp: string | null; userAgent: string | null; channel?: AuditChannel };
  log: Pick<Logger, 'error'>;
}): Promise<void> {
  try {
    const cfg = getConfig();
    const db = getDb();
    const verdict = await consumeQuota({ db, key: `refusal:${opts.actor.sub}`, limitPerHour: cfg.issueRefusalLimitPerHour });
    if (!verdict.allowed && !auditRefusalNow(verdict.refusedInSlot)) return;
    await recordAuditEvent(db, {
      type: 'ACCESS_DENIED',
      outcome: 'denied',
      actor: auditActorOf(opts.actor),
      requestId: opts.context.requestId,
      sourceIp: opts.context.sourceIp,
      userAgent: opts.context.userAgent,
      ...(opts.context.channel ? { channel: opts.context.channel } : {}),
      details: {
        reason: opts.reason,
        permission: opts.permission.join(':'),
        method: opts.method,
        path: opts.path.slice(0, 512),
        roles: opts.actor.roles,
        ...(verdict.allowed ? {} : { refusedInSlot: verdict.refusedInSlot }),
      },
    });
  } catch (e) {
    opts.log.error('could not record ACCESS_DENIED', { error: e });
  }
}
