// A revocation row as pages and API answers show it.
import type { Revocation } from '@/lib/db/generated/client';
import type { RevocationView } from './revocation-deps';

function failuresOf(v: unknown): { roleArn: string; code: string }[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((f: unknown) => {
    const o = f as { roleArn?: unknown; code?: unknown };
    return typeof o?.roleArn === 'string' && typeof o.code === 'string' ? [{ roleArn: o.roleArn, code: o.code }] : [];
  });
}

export function toRevocationView(r: Revocation): RevocationView {
  return {
    id: r.id,
    kind: r.kind,
    revokedBefore: r.revokedBefore.toISOString(),
    reason: r.reason,
    roleArns: r.roleArns,
    personSub: r.personSub,
    personLabel: r.personLabel,
    sessionNames: r.sessionNames,
    policyName: r.policyName,
    failures: failuresOf(r.failures),
    createdAt: r.createdAt.toISOString(),
    createdByName: r.createdByName,
    liftedAt: r.liftedAt?.toISOString() ?? null,
    liftedByName: r.liftedByName,
    liftReason: r.liftReason,
  };
}
