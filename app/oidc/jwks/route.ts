// GET /oidc/jwks — the public keys of Keyport's broker issuer (RFC 7517), every key that signs,
// will sign, or signed a token still valid (public; 404 when broker mode has no keys configured).
import { publishedJwks } from '@/lib/broker/published-issuer';
import { requestLogger } from '@/lib/log';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    const jwks = await publishedJwks();
    if (jwks === null) return Response.json({ error: 'broker mode is not configured' }, { status: 404 });
    return Response.json(jwks, { headers: { 'Cache-Control': 'public, max-age=300', 'Content-Type': 'application/jwk-set+json' } });
  } catch (e) {
    (await requestLogger()).error('broker JWKS failed', { error: e });
    return Response.json({ error: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
}
