import 'server-only';
// The issuance gate of this process for AUDIT_SINK_REQUIRED (one cache per process), or
// undefined when no sink is required.
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { auditDeliveryGate } from './assert-audit-delivery';

const state = globalThis as unknown as { keyportAuditDeliveryGate?: () => Promise<void> };

export function auditDeliveryCheck(): (() => Promise<void>) | undefined {
  const cfg = getConfig().audit;
  if (!cfg.sinkRequired) return undefined;
  state.keyportAuditDeliveryGate ??= auditDeliveryGate({ db: getDb(), sinks: cfg.sinks.map((s) => s.kind), maxLagMs: cfg.sinkMaxLagMs });
  return state.keyportAuditDeliveryGate;
}
