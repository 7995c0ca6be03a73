// GET /api/metrics — Prometheus text format for a scraper holding METRICS_TOKEN (Authorization:
// Bearer). No session: a scraper is no person. Unset, the endpoint does not exist (404).
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { bearerTokenMatches } from '@/lib/metrics/check-bearer-token';
import { renderMetrics } from '@/lib/metrics/render-metrics';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' };

export async function GET(request: Request): Promise<Response> {
  const token = getConfig().metricsToken;
  if (!token) return Response.json({ error: { code: 'not_found', message: 'Metrics are off: set METRICS_TOKEN to serve them.' } }, { status: 404, headers: NO_STORE });
  if (!bearerTokenMatches(request.headers.get('authorization'), token)) {
    return Response.json(
      { error: { code: 'unauthenticated', message: 'Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.' } },
      { status: 401, headers: { ...NO_STORE, 'WWW-Authenticate': 'Bearer realm="keyport-metrics"' } },
    );
  }
  const { contentType, body } = await renderMetrics(getDb());
  return new Response(body, { headers: { ...NO_STORE, 'Content-Type': contentType } });
}
