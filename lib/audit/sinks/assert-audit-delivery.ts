// AUDIT_SINK_REQUIRED=true: issuance fails closed while a required sink is behind by more than
// the bound (as Vault refuses requests it cannot hand to an audit device). Checked before the
// write-ahead record and before AWS is asked; the answer is kept for a second per process so the
// check costs one small query a second, not one per issuance.
import { sqlPool } from '@/lib/db/create-client';
import { AppError } from '@/lib/errors/app-error';
import { readSinkStatus, type SinkStatus } from './sink-status';

const CACHE_MS = 1_000;

export function auditDeliveryGate(opts: { db: object; sinks: readonly string[]; maxLagMs: number }): () => Promise<void> {
  let cached: { at: number; behind: SinkStatus[] } | null = null;
  return async () => {
    if (!cached || Date.now() - cached.at > CACHE_MS) {
      let behind: SinkStatus[];
      try {
        behind = (await readSinkStatus(sqlPool(opts.db), opts.sinks, opts.maxLagMs)).filter((s) => s.overBound);
      } catch {
        throw new AppError('unavailable', 'Keyport cannot check that the audit reaches the security team\'s systems, so it will not issue credentials. Nothing was issued. Try again in a few minutes.');
      }
      cached = { at: Date.now(), behind };
    }
    const first = cached.behind[0];
    if (first) {
      throw new AppError(
        'unavailable',
        `Keyport is not issuing credentials right now: the audit is not reaching the security team's "${first.sink}" audit sink (${Math.round(first.lagSeconds)} s behind; the limit is ${opts.maxLagMs / 1000} s). Nothing was issued. Try again once the sink has caught up.`,
        { retryAfterSeconds: 30, detail: { auditSinksBehind: cached.behind.map((s) => s.sink) } },
      );
    }
  };
}
