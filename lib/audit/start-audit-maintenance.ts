import 'server-only';
// Background upkeep of the audit log, started once per server process (instrumentation.ts):
// partitions created ahead, stale write-ahead intents closed as ISSUE_OUTCOME_UNKNOWN, expired
// SAML requests pruned, retention applied, checkpoints signed (AUDIT_SIGNING_KEY) and events
// delivered to the sinks. At start-up, then periodically. Each step is safe on many instances at once.
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { createPrismaClient, type Db } from '@/lib/db/create-client';
import { logger } from '@/lib/log';
import { applyAuditRetention } from './apply-audit-retention';
import { loadSigningKey } from './checkpoint-signature';
import { ensureAuditPartitions } from './ensure-audit-partitions';
import { pruneSamlState } from '@/lib/saml/prune-saml-state';
import { pruneCliAuthorizations } from '@/lib/cli-auth/prune-cli-authorizations';
import { reconcileStaleIntents } from './reconcile-stale-intents';
import { AuditCheckpointSigner } from './sign-audit-checkpoints';
import { startAuditDelivery } from './sinks/start-audit-delivery';

const SWEEP_MS = 60_000;
const HOUSEKEEPING_MS = 6 * 3600_000;
const SIGNER_MS = 2_000;

const state = globalThis as unknown as { keyportAuditMaintenance?: boolean };

export async function startAuditMaintenance(): Promise<void> {
  if (state.keyportAuditMaintenance) return;
  state.keyportAuditMaintenance = true;
  const cfg = getConfig();
  const db = getDb();
  const log = logger().child({ task: 'audit-maintenance' });
  // Retention detaches and drops partitions, which only their owner may: with separate roles the
  // portal needs DATABASE_MIGRATION_URL for it; the runtime role cannot drop audit history.
  let owner: Db | null = null;
  if (cfg.auditRetentionMonths > 0) {
    owner = cfg.audit.databaseMigrationUrl ? createPrismaClient(cfg.audit.databaseMigrationUrl, { max: 2 }) : db;
  }

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
    try {
      const pruned = await pruneCliAuthorizations({ db });
      if (pruned.authorizations + pruned.tokens > 0) log.info('pruned expired CLI sign-in requests and long-ended CLI sign-ins', pruned);
    } catch (e) {
      log.error('CLI sign-in pruning failed', { error: e });
    }
  };
  const housekeeping = async () => {
    try {
      await ensureAuditPartitions({ db });
    } catch (e) {
      log.error('audit partition upkeep failed', { error: e });
    }
    if (!owner) return;
    try {
      const { dropped, rows } = await applyAuditRetention({ db: owner, retentionMonths: cfg.auditRetentionMonths });
      if (dropped.length > 0) log.info('audit retention dropped partitions', { dropped, rows });
    } catch (e) {
      const hint = /must be owner/.test(e instanceof Error ? e.message : '') ? 'retention needs the owner role: set DATABASE_MIGRATION_URL' : undefined;
      log.error('audit retention failed', { error: e, hint });
    }
  };

  await housekeeping();
  await sweep();
  setInterval(() => void sweep(), SWEEP_MS).unref();
  setInterval(() => void housekeeping(), HOUSEKEEPING_MS).unref();

  if (cfg.audit.signingKey) {
    const signer = new AuditCheckpointSigner({ db, key: loadSigningKey(cfg.audit.signingKey), everyEvents: cfg.audit.checkpointEveryEvents, everyMs: cfg.audit.checkpointEveryMs });
    let reported = '';
    let running = false;
    const sign = async () => {
      if (running) return;
      running = true;
      try {
        const r = await signer.round();
        if (r.broken && r.broken.message !== reported) {
          reported = r.broken.message;
          log.error('audit chain disagrees with what the checkpoint signer verified; no checkpoint signed', { firstBroken: r.broken });
        }
      } catch (e) {
        log.error('audit checkpoint signing failed', { error: e });
      } finally {
        running = false;
      }
    };
    setInterval(() => void sign(), SIGNER_MS).unref();
  } else {
    log.warn('AUDIT_SIGNING_KEY is not set: no signed audit checkpoints (the audit can then be verified only against the database itself)');
  }
  startAuditDelivery({ databaseUrl: cfg.databaseUrl, settings: cfg.audit, log });
}
