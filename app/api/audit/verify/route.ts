// POST /api/audit/verify — walks the audit hash chain, recomputing every hash in the application
// and holding it against the signed checkpoints, and reports the first broken event, if any. The
// check is itself audited (AUDIT_VERIFIED, with its result).
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { auditActorOf } from '@/lib/audit/audit-actor';
import { verificationKeys } from '@/lib/audit/checkpoint-signature';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { withAuth } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const POST = withAuth({ permission: ['audit', 'verify'] }, async ({ actor, requestId, log, sourceIp, userAgent }) => {
  const db = getDb();
  const { signingKey, verifyKeys } = getConfig().audit;
  const report = await verifyAuditChain({ db, keys: verificationKeys({ signingKey, verifyKeys }) });
  if (!report.ok) log.error('audit chain broken', { firstBroken: report.firstBroken });
  await appendAuditEvent(db, {
    type: 'AUDIT_VERIFIED',
    actor: auditActorOf(actor),
    outcome: report.ok ? 'success' : 'failure',
    requestId,
    sourceIp,
    userAgent,
    details: { checked: report.checked, headSeq: report.headSeq, firstBroken: report.firstBroken ? { eventId: report.firstBroken.eventId, problem: report.firstBroken.problem } : null },
  });
  return Response.json(report);
});
