import 'server-only';
// Background upkeep of the audit log, started once per server process (instrumentation.ts):
// partitions created ahead, stale write-ahead intents closed as ISSUE_OUTCOME_UNKNOWN, expired
// SAML requests pruned, and retention applied. At start-up, then periodically. Each step is safe on many instances at once.
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { logger } from '@/lib/log';
import { applyAuditRetention } from './apply-audit-retention';
import { ensureAuditPartitions } from './ensure-audit-partitions';
import { pruneSamlState } from '@/lib/saml/prune-saml-state';
import { reconcileStaleIntents } from './reconcile-stale-intents';

const SWEEP_MS = 60_000;
const HOUSEKEEPING_MS = 6 * 3600_000;

const state = globalThis as unknown as { keyportAuditMaintenance?: boolean };

export async function startAuditMaintenance(): Promise<void> {
  if (state.keyportAuditMaintenance) return;
  state.keyportAuditMaintenance = true;
  const cfg = getConfig();
  const db = getDb();
  const log = logger().child({ task: 'audit-maintenance' });

  const sweep = async () => {
    try {
      const { closed } = await reconcileStaleIntents({ db, timeoutSeconds: cfg.auditIntentTimeoutSeconds });
      if (closed > 0) log.warn('closed write-ahead intents that never got an outcome', { closed });
    } catch (e) {
      log.error('intent reconciliation failed', { error: e });
    }
    try {
      const pruned = await pruneSamlState({ db });
      if (pruned.requests + pruned.assertions > 0) log.info('pruned expired SAML requests and assertion ids', pruned);
    } catch (e) {
      log.error('SAML state pruning failed', { error: e });
    }
  };
  const housekeeping = async () => {
    try {
      await ensureAuditPartitions({ db });
      const { dropped, rows } = await applyAuditRetention({ db, retentionMonths: cfg.auditRetentionMonths });
      if (dropped.length > 0) log.info('audit retention dropped partitions', { dropped, rows });
    } catch (e) {
      log.error('audit partition upkeep failed', { error: e });
    }
  };

  await housekeeping();
  await sweep();
  setInterval(() => void sweep(), SWEEP_MS).unref();
  setInterval(() => void housekeeping(), HOUSEKEEPING_MS).unref();
}
