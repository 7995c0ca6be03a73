// GET /api/ready — ready to serve: the database answers and every migration is applied; says
// which federation mode is in use and what AWS must trust for it.
import { federationSummary } from '@/lib/broker/federation-summary';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { pendingMigrations } from '@/lib/db/migrate';
import { requestLogger } from '@/lib/log';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const noStore = { 'Cache-Control': 'no-store' };
  try {
    const db = getDb();
    const pending = await pendingMigrations((sql) => db.$queryRawUnsafe<{ migration_name: string }[]>(sql));
    if (pending.length > 0) {
      return Response.json({ status: 'not_ready', reason: 'migrations pending', pending }, { status: 503, headers: noStore });
    }
    const cfg = getConfig();
    const federation = federationSummary({ mode: cfg.federationMode, broker: cfg.broker, oidcIssuer: cfg.oidcEnabled ? cfg.oidc.issuer : null, oidcClientId: cfg.oidcEnabled ? cfg.oidc.clientId : null, saml: cfg.saml !== null });
    return Response.json({ status: 'ready', federation }, { headers: noStore });
  } catch (e) {
    (await requestLogger()).warn('readiness check failed', { error: e });
    return Response.json({ status: 'not_ready', reason: 'database unreachable' }, { status: 503, headers: noStore });
  }
}
