import 'server-only';
// Starts one delivery loop per configured audit sink in this server process (every instance runs
// them; one delivers per sink at a time, the others stand by). A process that stops mid-batch
// loses nothing: the cursor has not moved past that batch, which the next deliverer sends again.
import type { AuditSettings } from '@/lib/config/audit-settings';
import type { Logger } from '@/lib/log/logger';
import { AuditDelivery } from './audit-delivery';
import { createAuditSink } from './create-audit-sink';

export function startAuditDelivery(opts: { databaseUrl: string; settings: AuditSettings; log: Logger }): AuditDelivery[] {
  const deliveries = opts.settings.sinks.map(
    (c) => new AuditDelivery({ databaseUrl: opts.databaseUrl, sink: createAuditSink(c), log: opts.log.child({ task: 'audit-delivery' }), failingBoundMs: opts.settings.sinkMaxLagMs }),
  );
  for (const d of deliveries) d.start();
  if (deliveries.length > 0) {
    opts.log.info('audit sinks started', { sinks: opts.settings.sinks.map((s) => s.kind), required: opts.settings.sinkRequired });
  }
  return deliveries;
}
