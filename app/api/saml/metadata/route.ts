// GET /api/saml/metadata — this portal's SAML SP metadata (entity id, ACS URL), for IdP admins.
import { getDb } from '@/lib/db/client';
import { samlIdp } from '@/lib/saml/saml-idp';
import { samlSp } from '@/lib/saml/saml-sp';
import { samlClient } from '@/lib/saml/validate-saml-response';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const xml = samlClient({ db: getDb(), idp: await samlIdp(), sp: samlSp(), purpose: 'SIGN_IN' }).generateServiceProviderMetadata(null);
  return new Response(xml, { headers: { 'Content-Type': 'application/samlmetadata+xml', 'Cache-Control': 'no-store' } });
}
