// POST /api/cli/saml/start — SAML passthrough for the CLI (a person signed in through SAML, a role
// AWS reaches with the IdP's own assertion): the same checks as the page before the IdP round trip
// (audited), an AuthnRequest bound to the CLI's Keyport session, and the IdP URL for the browser.
// The ACS then issues (channel cli) and sends the browser to the CLI's loopback with the result
// sealed to the CLI's one-time key (cli/src/shared/loopback-seal.js). CLI only (bearer token).
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { loopbackRedirectProblem } from '@/lib/cli-auth/loopback-redirect';
import { listCliCatalog } from '@/lib/cli-api/cli-catalog';
import { resolveCliRole } from '@/lib/cli-api/resolve-cli-role';
import { cliSamlStartRequest } from '@/lib/cli-api/schemas';
import { AppError } from '@/lib/errors/app-error';
import { readJson } from '@/lib/http/read-json';
import { withAuth } from '@/lib/http/route';
import { sharedIssueDeps } from '@/lib/issuance/deps';
import { refuseIssueInput } from '@/lib/issuance/run-issuance';
import { checkSamlIssuable } from '@/lib/saml/check-saml-issuable';
import { samlIdp } from '@/lib/saml/saml-idp';
import { samlSp } from '@/lib/saml/saml-sp';
import { startSamlRequest } from '@/lib/saml/start-saml-request';

export const dynamic = 'force-dynamic';

export const POST = withAuth({ permission: ['credentials', 'issue'], channels: ['cli'] }, async ({ actor, request, requestId, log, sourceIp, userAgent }) => {
  const context = { requestId, sourceIp, userAgent, channel: 'cli' as const };
  const deps = sharedIssueDeps(log);
  const input = await readJson(request, cliSamlStartRequest).catch(async (e: unknown) => {
    throw await refuseIssueInput({ actor, error: e as Error, context, deps });
  });
  const problem = loopbackRedirectProblem(input.redirectUri);
  if (problem) throw new AppError('invalid_input', `The CLI's redirect URI ${problem}.`, { fields: { redirectUri: problem } });
  const roles = await listCliCatalog({ db: getDb(), actor, deploymentMode: getConfig().federationMode });
  const match = resolveCliRole(roles, input.role);
  if (match.kind !== 'found') throw new AppError('forbidden', `You are not entitled to the role "${input.role.slice(0, 200)}". \`keyport roles\` lists the roles you may assume.`, { detail: { reason: 'not_entitled' } });
  const role = match.role;
  if (!role.browserRequired) throw new AppError('conflict', 'This role is issued without the browser: use keyport credential-process.', { detail: { reason: 'browser_not_required' } });
  const issue = { mappingId: role.mappingId, durationSeconds: input.durationSeconds ?? role.maxDurationSeconds, region: input.region ?? role.defaultRegion };
  await checkSamlIssuable({ actor, request: issue, context, deps });
  const redirectUrl = await startSamlRequest({
    db: deps.db,
    idp: await samlIdp(),
    sp: samlSp(),
    purpose: 'ISSUANCE',
    sessionId: actor.sessionId,
    pending: { ...issue, cli: { redirectUri: input.redirectUri, state: input.state, publicKey: input.publicKey } },
  });
  return Response.json({ redirectUrl });
});
