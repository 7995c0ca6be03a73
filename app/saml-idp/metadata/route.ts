// GET /saml-idp/metadata — Keyport's own SAML IdP metadata (entity id, signing certificate), to
// register in IAM as the SAML provider of broker-mode SAML roles (aws iam create-saml-provider
// --saml-metadata-document file://metadata.xml). Public: it holds a certificate only; 404 when SAML
// broker mode is not configured.
import { readSamlBrokerKey } from '@/lib/broker/read-saml-broker-key';
import { samlBrokerMetadata } from '@/lib/broker/saml-assertion';
import { getConfig } from '@/lib/config';
import { requestLogger } from '@/lib/log';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const cfg = getConfig();
  const saml = cfg.broker.saml;
  if (saml === null) return Response.json({ error: 'SAML broker mode is not configured' }, { status: 404 });
  try {
    const { certPem } = await readSamlBrokerKey(saml);
    const xml = samlBrokerMetadata({ entityId: saml.entityId, certPem, ssoUrl: `${cfg.publicUrl}/` });
    return new Response(xml, { headers: { 'Content-Type': 'application/samlmetadata+xml', 'Cache-Control': 'public, max-age=300' } });
  } catch (e) {
    (await requestLogger()).error('SAML broker metadata failed', { error: e });
    return Response.json({ error: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
}
