// GET /api/ready — ready to serve: the database answers and every migration is applied. It also
// reports the database roles (the weaker one-role setup), how far each audit sink is behind, and
// which federation mode is in use and what AWS must trust for it.
import { auditReadiness } from '@/lib/audit/audit-readiness';
import { federationSummary } from '@/lib/broker/federation-summary';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { pendingMigrations } from '@/lib/db/migrate';
import { requestLogger } from '@/lib/log';
import { shutdownState } from '@/lib/shutdown/in-flight';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  // no-transform: not gzipped by the server (a probe's small answer; see /api/health).
  const noStore = { 'Cache-Control': 'no-store, no-transform' };
  // Draining after SIGTERM: not ready first, so load balancers stop sending before anything is refused.
  if (shutdownState().draining) return Response.json({ status: 'not_ready', reason: 'shutting down' }, { status: 503, headers: noStore });
  try {
    const db = getDb();
    const pending = await pendingMigrations((sql) => db.$queryRawUnsafe<{ migration_name: string }[]>(sql));
    if (pending.length > 0) {
      return Response.json({ status: 'not_ready', reason: 'migrations pending', pending }, { status: 503, headers: noStore });
    }
    const cfg = getConfig();
    const audit = await auditReadiness(db, cfg.audit);
    const federation = federationSummary({ mode: cfg.federationMode, broker: cfg.broker, oidcIssuer: cfg.oidcEnabled ? cfg.oidc.issuer : null, oidcClientId: cfg.oidcEnabled ? cfg.oidc.clientId : null, saml: cfg.saml !== null });
    return Response.json({ status: audit.warnings.length > 0 ? 'degraded' : 'ready', ...audit, federation }, { headers: noStore });
  } catch (e) {
    (await requestLogger()).warn('readiness check failed', { error: e });
    return Response.json({ status: 'not_ready', reason: 'database unreachable' }, { status: 503, headers: noStore });
  }
}
