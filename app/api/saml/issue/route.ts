// POST /api/saml/issue — starts a SAML issuance for a person signed in through SAML: checks the
// entitlement and bounds now (so a bad request never bounces through the IdP; a refusal is
// audited like any other), records the pending request with the AuthnRequest id, and answers the
// IdP URL to send the browser to. Body: { mappingId, durationSeconds, region }.
import { z } from 'zod';
import { readJson } from '@/lib/http/read-json';
import { withAuth } from '@/lib/http/route';
import { sharedIssueDeps } from '@/lib/issuance/deps';
import { refuseIssueInput } from '@/lib/issuance/run-issuance';
import { checkSamlIssuable } from '@/lib/saml/check-saml-issuable';
import { samlIdp } from '@/lib/saml/saml-idp';
import { samlSp } from '@/lib/saml/saml-sp';
import { startSamlRequest } from '@/lib/saml/start-saml-request';

export const dynamic = 'force-dynamic';

const body = z.object({
  mappingId: z.string().min(1).max(64),
  durationSeconds: z.number().int(),
  region: z.string().min(1).max(32),
});

export const POST = withAuth({ permission: ['credentials', 'issue'] }, async ({ actor, request, requestId, log, sourceIp, userAgent }) => {
  const context = { requestId, sourceIp, userAgent };
  const deps = sharedIssueDeps(log);
  const input = await readJson(request, body).catch(async (e: unknown) => {
    throw await refuseIssueInput({ actor, error: e as Error, context, deps });
  });
  await checkSamlIssuable({ actor, request: input, context, deps });
  const redirectUrl = await startSamlRequest({ db: deps.db, idp: await samlIdp(), sp: samlSp(), purpose: 'ISSUANCE', sessionId: actor.sessionId, pending: input });
  return Response.json({ redirectUrl });
});
