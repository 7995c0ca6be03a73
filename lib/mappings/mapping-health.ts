// Pure: whether a mapping looks broken — its recent issuances failed at AWS and none succeeded
// since — and what to do about it. Read from the audit (read-mapping-health.ts): the ISSUE_FAILED
// and ISSUE_SUCCEEDED events of the mapping's role, newest first. Transient failures (throttling,
// network, AWS's own 5xx: `retryable` in explain-sts-error.ts) say nothing about the mapping and
// are skipped; a success ends the streak. The fix is the explanation the person got, from the
// same `explain` catalog, so the catalog card, the admin page and the error agree.
import type { Explanation } from '@/lib/i18n/explanation';
import { explainStsError } from '@/lib/sts/explain-sts-error';

export interface OutcomeEvent {
  type: 'ISSUE_SUCCEEDED' | 'ISSUE_FAILED';
  errorCode: string | null;
  occurredAt: Date;
}

export interface MappingHealth {
  /** Failed issuances since the last success (within the window read). */
  failureCount: number;
  /** The most recent failure's STS error code, e.g. AccessDenied. */
  errorCode: string;
  lastFailureAt: string;
  /** What to do, as a message of the `explain` catalog. */
  fix: Explanation;
}

export function mappingHealth(eventsNewestFirst: readonly OutcomeEvent[], mapping: { roleArn: string; stsRegion: string; maxDurationSeconds: number }): MappingHealth | null {
  const failures: OutcomeEvent[] = [];
  for (const e of eventsNewestFirst) {
    if (e.type === 'ISSUE_SUCCEEDED') break;
    const code = e.errorCode ?? 'unknown';
    if (explainStsError(code, { roleArn: mapping.roleArn, region: mapping.stsRegion, maxDurationSeconds: mapping.maxDurationSeconds }).retryable) continue;
    failures.push(e);
  }
  const last = failures[0];
  if (!last) return null;
  const errorCode = last.errorCode ?? 'unknown';
  return {
    failureCount: failures.length,
    errorCode,
    lastFailureAt: last.occurredAt.toISOString(),
    fix: explainStsError(errorCode, { roleArn: mapping.roleArn, region: mapping.stsRegion, maxDurationSeconds: mapping.maxDurationSeconds }).explanation,
  };
}
