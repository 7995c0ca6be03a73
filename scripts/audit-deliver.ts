// `npm run audit:deliver`: delivers the audit to the configured sinks (AUDIT_SINKS …) without the
// portal — the same delivery loops every portal instance runs, for a sidecar or a separate job.
// Several may run at once with the portals: one delivers to each sink at a time. SIGINT/SIGTERM
// stop it after the current batch; a kill loses nothing (the cursor has not moved past the batch).
import { parseAuditSettings } from '../lib/config/audit-settings';
import { AuditDelivery } from '../lib/audit/sinks/audit-delivery';
import { createAuditSink } from '../lib/audit/sinks/create-audit-sink';
import { createLogger } from '../lib/log/logger';
import { sandboxDatabaseUrls, sandboxSettings } from '../sandbox/settings';

const settings = parseAuditSettings(process.env);
// Logs go to stderr: stdout may be a sink.
const log = createLogger({ level: 'info', base: { service: 'keyport-audit-deliver' }, write: (line) => process.stderr.write(`${line}\n`) });
const databaseUrl = process.env.DATABASE_URL || sandboxDatabaseUrls(process.env, sandboxSettings(process.env)).databaseUrl;
if (settings.sinks.length === 0) {
  process.stderr.write('audit:deliver: AUDIT_SINKS names no sink (stdout, file, http, syslog).\n');
  process.exit(2);
}
const deliveries = settings.sinks.map((c) => new AuditDelivery({ databaseUrl, sink: createAuditSink(c), log, failingBoundMs: settings.sinkMaxLagMs }));
for (const d of deliveries) d.start();
log.info('delivering the audit', { sinks: settings.sinks.map((s) => s.kind) });
const stop = () => void Promise.all(deliveries.map((d) => d.stop())).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
