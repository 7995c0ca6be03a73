// GET /oidc/.well-known/openid-configuration — Keyport's broker issuer discovery document, which
// AWS STS reads to find the JWKS (public; 404 when broker mode has no keys configured).
import { publishedDiscovery } from '@/lib/broker/published-issuer';
import { requestLogger } from '@/lib/log';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    const doc = await publishedDiscovery();
    if (doc === null) return Response.json({ error: 'broker mode is not configured' }, { status: 404 });
    // Short caching: a rotation publishes a new key well ahead of its use (lib/broker/key-set.ts).
    return Response.json(doc, { headers: { 'Cache-Control': 'public, max-age=300' } });
  } catch (e) {
    (await requestLogger()).error('broker discovery failed', { error: e });
    return Response.json({ error: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
}
