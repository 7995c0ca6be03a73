// Records a refused issuance and answers the error to throw. Every refusal is audited as
// ISSUE_DENIED — unless the person has been refused more than the hourly refusal limit: then the
// answer is 429, and only the 1st, 10th, 100th… of each 10-minute slot is recorded (as
// ISSUE_RATE_LIMITED with the running count). One person cannot flood the chained audit, whose
// appends every issuance waits for, yet the flood and its size are on record.
import type { Actor } from '@/lib/auth/actor';
import type { AuditActor, AuditEventInput } from '@/lib/audit/append-audit-event';
import { auditActorOf } from '@/lib/audit/audit-actor';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Db } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import type { Logger } from '@/lib/log/logger';
import { consumeQuota } from '@/lib/rate-limit/consume-quota';
import { auditRefusalNow } from '@/lib/rate-limit/quota-window';
import { auditableMappingId } from './check-issuable';
import type { IssueContext, IssueRequest } from './issuance-types';
import type { IssueRefusal } from './issue-refusal';

export type RefusalEvent = Omit<AuditEventInput, 'type' | 'outcome'>;

/** The audit fields of a refused request, before any mapping is known to apply. */
export function refusalEvent(actor: Actor, request: Partial<IssueRequest>, context: IssueContext): RefusalEvent {
  return refusalEventFor(auditActorOf(actor), request, context);
}

/** The same, for someone known only from an assertion (their Keyport session is gone). */
export function refusalEventFor(who: AuditActor, request: Partial<IssueRequest>, context: IssueContext): RefusalEvent {
  return {
    actor: who,
    requestId: context.requestId,
    mappingId: typeof request.mappingId === 'string' ? auditableMappingId(request.mappingId) : null,
    durationSeconds: typeof request.durationSeconds === 'number' && Number.isInteger(request.durationSeconds) ? request.durationSeconds : null,
    region: typeof request.region === 'string' ? request.region.slice(0, 64) : null,
    sourceIp: context.sourceIp,
    userAgent: context.userAgent,
    ...(context.channel ? { channel: context.channel } : {}),
  };
}

export async function recordRefusal(opts: {
  deps: { db: Db; log: Logger; refusalLimitPerHour: number };
  /** The person refused (their subject keys the refusal limit) and the event's fields. */
  personSub: string;
  event: RefusalEvent;
  refusal: IssueRefusal;
}): Promise<AppError> {
  const { deps, refusal } = opts;
  const details = { ...opts.event.details, reason: refusal.reason, message: refusal.error.message, ...refusal.details };
  let verdict;
  try {
    verdict = await consumeQuota({ db: deps.db, key: `refusal:${opts.personSub}`, limitPerHour: deps.refusalLimitPerHour });
  } catch (e) {
    // The refusal stands whatever happens to its record.
    deps.log.error('could not count a refusal', { error: e, reason: refusal.reason });
    verdict = { allowed: true as const };
  }
  try {
    if (verdict.allowed) {
      await recordAuditEvent(deps.db, { ...opts.event, type: 'ISSUE_DENIED', outcome: 'denied', details });
      return refusal.error;
    }
    if (auditRefusalNow(verdict.refusedInSlot)) {
      await recordAuditEvent(deps.db, {
        ...opts.event,
        type: 'ISSUE_RATE_LIMITED',
        outcome: 'denied',
        details: { ...details, limit: 'refusals', refusalLimitPerHour: deps.refusalLimitPerHour, refusedInSlot: verdict.refusedInSlot, retryAfterSeconds: verdict.retryAfterSeconds },
      });
    }
  } catch (e) {
    deps.log.error('could not record a refusal', { error: e, reason: refusal.reason });
  }
  if (verdict.allowed) return refusal.error;
  return new AppError(
    'rate_limited',
    `Keyport has refused ${deps.refusalLimitPerHour} of your credential requests in the last hour, so it stops checking new ones for now. The last refusal: ${refusal.error.message} Try again in ${Math.ceil(verdict.retryAfterSeconds / 60)} minutes.`,
    { retryAfterSeconds: verdict.retryAfterSeconds, explain: { key: 'issue.refusalsLimited', values: { limit: deps.refusalLimitPerHour, minutes: Math.ceil(verdict.retryAfterSeconds / 60) } } },
  );
}
